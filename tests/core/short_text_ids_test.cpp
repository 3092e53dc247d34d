// ShortTextIds identifies a text of up to 16 bytes by two words and its length. The
// texts here are the ones that could be confused by a packing that loses a byte: the
// same bytes at other lengths, texts differing in one middle byte, zero bytes.
#include "scoring/shorttextids.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace onsite {
namespace {

std::vector<std::string> confusableTexts()
{
    std::vector<std::string> texts;
    const std::string base = "0123456789abcdefXYZ";
    for (std::size_t n = 0; n <= 16; ++n) {
        texts.push_back(base.substr(0, n));
        texts.push_back(std::string(n, '\0'));
        texts.push_back(std::string(n, 'a'));
        for (std::size_t at = 0; at < n; ++at) {
            std::string changed = base.substr(0, n);
            changed[at] = '\xE5'; // a UTF-8 lead byte: bytes above 0x7F count as well
            texts.push_back(changed);
        }
    }
    texts.push_back("较好");
    texts.push_back("一般");
    texts.push_back("g1.r10");
    texts.push_back("g1.r1");
    return texts;
}

std::tuple<std::uint64_t, std::uint64_t, std::uint32_t> wordsOf(const ShortTextIds::Key &key)
{
    return {key.head, key.tail, key.size};
}

TEST(ShortTextIds, EveryTextOfUpToSixteenBytesPacksToItsOwnKey)
{
    const std::vector<std::string> texts = confusableTexts();
    std::set<std::string> distinct(texts.begin(), texts.end());
    std::set<std::tuple<std::uint64_t, std::uint64_t, std::uint32_t>> keys;
    for (const std::string &text : distinct) {
        ShortTextIds::Key key;
        ASSERT_TRUE(ShortTextIds::pack(QByteArrayView(text.data(), qsizetype(text.size())), key))
            << text;
        EXPECT_EQ(key.size, text.size());
        keys.insert(wordsOf(key));
    }
    EXPECT_EQ(keys.size(), distinct.size()) << "two different texts packed to one key";

    ShortTextIds::Key again;
    ShortTextIds::Key first;
    ASSERT_TRUE(ShortTextIds::pack(QByteArrayView("0123456789ab"), first));
    const std::string copy = "0123456789ab";
    ASSERT_TRUE(ShortTextIds::pack(QByteArrayView(copy.data(), qsizetype(copy.size())), again));
    EXPECT_TRUE(first == again) << "the same bytes elsewhere in memory";
}

TEST(ShortTextIds, LongerTextsAreLeftToTheCaller)
{
    ShortTextIds::Key key;
    key.size = 99;
    EXPECT_FALSE(ShortTextIds::pack(QByteArrayView("0123456789abcdefg"), key)) << "17 bytes";
    EXPECT_EQ(key.size, 99u) << "the key is untouched";
    EXPECT_TRUE(ShortTextIds::pack(QByteArrayView("0123456789abcdef"), key)) << "16 bytes";
}

TEST(ShortTextIds, FindsEveryIdGivenAndNoneNotGivenAsItGrows)
{
    ShortTextIds ids;
    ShortTextIds::Key absent;
    ASSERT_TRUE(ShortTextIds::pack(QByteArrayView("U99999"), absent));
    EXPECT_EQ(ids.find(absent), -1) << "empty";

    std::vector<std::string> texts = confusableTexts();
    for (int i = 0; i < 20000; ++i)
        texts.push_back("U" + std::to_string(i));
    std::set<std::string> seen;
    std::vector<ShortTextIds::Key> keys;
    for (const std::string &text : texts) {
        if (!seen.insert(text).second)
            continue;
        ShortTextIds::Key key;
        ASSERT_TRUE(ShortTextIds::pack(QByteArrayView(text.data(), qsizetype(text.size())), key));
        ASSERT_EQ(ids.find(key), -1) << text;
        ids.insert(key, static_cast<std::int32_t>(keys.size()));
        keys.push_back(key);
    }
    for (std::size_t id = 0; id < keys.size(); ++id)
        ASSERT_EQ(ids.find(keys[id]), static_cast<std::int32_t>(id));
    EXPECT_EQ(ids.find(absent), -1) << "U99999 was never given an id";
}

TEST(ShortTextIds, CodesSharingAPrefixSpreadOverTheTable)
{
    // Codes that differ only in their last characters (those sit in the packed words'
    // high bytes): a slot taken from the low bits alone chained them all together.
    const auto spread = [](const char *pattern, int count) {
        ShortTextIds ids;
        char text[32];
        for (int i = 0; i < count; ++i) {
            const int size = std::snprintf(text, sizeof text, pattern, i);
            ShortTextIds::Key key;
            EXPECT_TRUE(ShortTextIds::pack(QByteArrayView(text, size), key));
            ids.insert(key, i);
        }
        return ids.meanProbes();
    };
    EXPECT_LT(spread("g1.r%02d", 100), 2.0);
    EXPECT_LT(spread("U%05d", 2000), 2.0);
    EXPECT_LT(spread("unit-%05d", 2000), 2.0);
    EXPECT_LT(spread("JD2026%04d", 2000), 2.0);
    EXPECT_LT(spread("U%d", 20000), 2.0);
}

} // namespace
} // namespace onsite
