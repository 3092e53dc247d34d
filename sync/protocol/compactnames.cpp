#include "compactnames.h"

#include <array>
#include <utility>
#include <vector>

namespace onsite::protocol::compact::names {

namespace {

// Append only: a device and HQ of different builds must read each other. Short names
// are one or two characters; the protocol's own keys are longer (a key of one or two
// characters that some day appears gets a "~" from the rewriter, compactwire.cpp).
constexpr KeyName kKeys[] = {
    {"account", "a"},
    {"changes", "c"},
    {"current", "x"},
    {"cursor", "r"},
    {"data", "d"},
    {"entity", "e", Rule::Entity},
    {"hlc", "h", Rule::Clock},
    {"id", "i", Rule::Id},
    {"inc", "n"},
    {"indicator", "q"},
    {"input", "v"},
    {"kind", "k", Rule::Kind},
    {"last_processed_seq", "l"},
    {"message", "g"},
    {"more", "z"},
    {"mutations", "m"},
    {"op", "o", Rule::Op},
    {"reason", "y"},
    {"recorded_at", "w", Rule::Time},
    {"results", "R"},
    {"seq", "s"},
    {"site", "S"},
    {"status", "t", Rule::Status},
    {"unit", "u"},
    {"visit", "V"},
    {"checked_in_at", "ti", Rule::Time},
    {"checked_out_at", "to", Rule::Time},
    {"captured_at", "tc", Rule::Time},
    {"original_at", "tg", Rule::Time},
    {"changed_at", "th", Rule::Time},
    {"assigned_at", "ta", Rule::Time},
};

constexpr ValueName kValues[] = {
    {Rule::Entity, "score", "s"},     {Rule::Entity, "visit", "v"},
    {Rule::Entity, "photo", "p"},     {Rule::Entity, "finding", "f"},
    {Rule::Entity, "highlight", "h"}, {Rule::Entity, "submission", "b"},
    {Rule::Entity, "recheck", "c"},   {Rule::Entity, "recheck_result", "r"},
    {Rule::Op, "upsert", "u"},        {Rule::Op, "delete", "d"},
    {Rule::Status, "applied", "a"},   {Rule::Status, "duplicate", "d"},
    {Rule::Status, "rejected", "r"},  {Rule::Status, "conflict", "c"},
    {Rule::Kind, "rater", "r"},       {Rule::Kind, "final", "f"},
};

// Keys by their first byte: a look-up compares a few lengths and bytes, where hashing
// every key of a 100,000-record pull was a tenth of the rewrite.
class KeyIndex
{
public:
    explicit KeyIndex(std::string_view KeyName::*field)
    {
        for (const KeyName &key : kKeys)
            m_byFirst[static_cast<unsigned char>((key.*field)[0])].push_back({key.*field, &key});
    }

    const KeyName *find(std::string_view raw) const
    {
        if (raw.empty())
            return nullptr;
        for (const auto &[text, key] : m_byFirst[static_cast<unsigned char>(raw[0])]) {
            if (text == raw)
                return key;
        }
        return nullptr;
    }

private:
    std::array<std::vector<std::pair<std::string_view, const KeyName *>>, 256> m_byFirst;
};

struct Tables
{
    KeyIndex byName{&KeyName::name};
    KeyIndex byShortName{&KeyName::shortName};
};

const Tables &tables()
{
    static const Tables instance;
    return instance;
}

} // namespace

const KeyName *keyByName(std::string_view name)
{
    return tables().byName.find(name);
}

const KeyName *keyByShortName(std::string_view shortName)
{
    return tables().byShortName.find(shortName);
}

const ValueName *valueByName(Rule rule, std::string_view name)
{
    for (const ValueName &value : kValues) {
        if (value.rule == rule && value.name == name)
            return &value;
    }
    return nullptr;
}

const ValueName *valueByCode(Rule rule, std::string_view code)
{
    for (const ValueName &value : kValues) {
        if (value.rule == rule && value.code == code)
            return &value;
    }
    return nullptr;
}

} // namespace onsite::protocol::compact::names
