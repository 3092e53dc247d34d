#include "scoretablebuilder.h"

#include <cstring>
#include <utility>

namespace onsite {

namespace {

constexpr std::size_t kRowsPerBlock = 4096;
constexpr std::size_t kMaxQueuedBlocks = 16; // a few MB between the threads at most

void addRow(ScoreTable &table, const QByteArrayView *c)
{
    // Not QByteArrayView's ==: an out-of-line call per row for five bytes.
    const bool final = c[3].size() == 5 && std::memcmp(c[3].data(), "final", 5) == 0;
    table.add(c[0], c[1], c[2], final ? ScoreKind::Final : ScoreKind::Rater, c[4], ScoreTable::parseTimestamp(c[5]));
}

} // namespace

ScoreTableBuilder::ScoreTableBuilder(bool onSecondThread, std::size_t expectedRows)
{
    m_table.reserve(expectedRows);
    if (onSecondThread && std::thread::hardware_concurrency() > 1)
        m_consumer = std::thread([this] { consume(); });
}

ScoreTableBuilder::~ScoreTableBuilder()
{
    stop(); // a read that threw: the rows so far are dropped
}

void ScoreTableBuilder::add(const SqlTextRow &row)
{
    for (int c = 0; c < kColumns; ++c) {
        const QByteArrayView cell = row[c];
        m_filling.bytes.append(cell.data(), static_cast<std::size_t>(cell.size()));
        m_filling.ends.push_back(static_cast<quint32>(m_filling.bytes.size()));
    }
    if (m_filling.ends.size() < kRowsPerBlock * kColumns)
        return;
    if (m_consumer.joinable()) {
        hand(std::move(m_filling));
    } else {
        // Emptied even if adding throws: no row is added twice by a later call.
        struct EmptyAfter
        {
            Block &block;
            ~EmptyAfter()
            {
                block.bytes.clear();
                block.ends.clear();
            }
        } emptied{m_filling};
        addBlock(m_filling);
    }
}

ScoreTable ScoreTableBuilder::finish()
{
    if (!m_consumer.joinable() && !m_filling.ends.empty()) {
        const Block last = std::exchange(m_filling, Block{});
        addBlock(last);
    }
    if (m_consumer.joinable()) {
        if (!m_filling.ends.empty())
            hand(std::move(m_filling));
        {
            std::lock_guard lock(m_mutex);
            m_done = true;
        }
        m_changed.notify_all();
        m_consumer.join();
        if (m_error)
            std::rethrow_exception(m_error);
    }
    return std::move(m_table);
}

void ScoreTableBuilder::hand(Block &&block)
{
    bool stopped = false;
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_queue.size() < kMaxQueuedBlocks || m_error; });
        stopped = m_error != nullptr; // the rows are dropped; finish() reports why
        if (!stopped)
            m_queue.push_back(std::move(block));
    }
    if (!stopped)
        m_changed.notify_all();
    m_filling = Block{};
    m_filling.bytes.reserve(kRowsPerBlock * 64);
    m_filling.ends.reserve(kRowsPerBlock * kColumns);
}

void ScoreTableBuilder::consume()
{
    for (;;) {
        Block block;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return !m_queue.empty() || m_done; });
            if (m_queue.empty())
                return;
            block = std::move(m_queue.front());
            m_queue.pop_front();
        }
        m_changed.notify_all();
        try {
            addBlock(block);
        } catch (...) {
            std::lock_guard lock(m_mutex);
            m_error = std::current_exception();
            m_queue.clear();
            m_changed.notify_all();
            return;
        }
    }
}

void ScoreTableBuilder::addBlock(const Block &block)
{
    QByteArrayView cells[kColumns];
    quint32 begin = 0;
    for (std::size_t i = 0; i < block.ends.size(); i += kColumns) {
        for (int c = 0; c < kColumns; ++c) {
            const quint32 end = block.ends[i + c];
            cells[c] = QByteArrayView(block.bytes.data() + begin, end - begin);
            begin = end;
        }
        addRow(m_table, cells);
    }
}

void ScoreTableBuilder::stop()
{
    if (!m_consumer.joinable())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_done = true;
        m_queue.clear();
    }
    m_changed.notify_all();
    m_consumer.join();
}

} // namespace onsite
