#pragma once

#include <string_view>

// The names of protocol 2's compact wire (compactwire.h): the protocol's keys and their
// short forms, and the closed sets of values written as one letter.
namespace onsite::protocol::compact::names {

// What a key's value may be rewritten as, besides passing unchanged.
enum class Rule
{
    None,
    Entity,
    Op,
    Status,
    Kind,
    Time,
    Id,
    Clock
};

struct KeyName
{
    std::string_view name;
    std::string_view shortName;
    Rule rule = Rule::None;
};

struct ValueName
{
    Rule rule;
    std::string_view name;
    std::string_view code;
};

const KeyName *keyByName(std::string_view name);
const KeyName *keyByShortName(std::string_view shortName);
const ValueName *valueByName(Rule rule, std::string_view name);
const ValueName *valueByCode(Rule rule, std::string_view code);

} // namespace onsite::protocol::compact::names
