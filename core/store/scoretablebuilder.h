#pragma once

#include "scoring/scoretable.h"
#include "store/sqlconnection.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace onsite {

// Builds a ScoreTable from the store's text rows (unit, indicator, account, kind,
// input, recorded_at) while the database is still stepping: the rows' bytes are copied
// in blocks to a second thread that interns them. Reading HQ's millions of entries
// was half database, half interning; on two processors the two now overlap. Rows
// keep the order they were added in (it decides ties on time). With one processor,
// or `onSecondThread` false, each full block is added on the calling thread: adding
// rows one at a time between SQLite's steps cost three times as much as the same work
// done a block at a time, as each step evicts the other's code and branch history.
class ScoreTableBuilder
{
public:
    // `expectedRows`, when known, is reserved at once: growing the table by doubling copied
    // it again and again and faulted in fresh pages each time.
    explicit ScoreTableBuilder(bool onSecondThread = true, std::size_t expectedRows = 0);
    ~ScoreTableBuilder();
    ScoreTableBuilder(const ScoreTableBuilder &) = delete;
    ScoreTableBuilder &operator=(const ScoreTableBuilder &) = delete;

    void add(const SqlTextRow &row);
    // Every row added, in order; rethrows what the second thread failed with.
    ScoreTable finish();

private:
    static constexpr int kColumns = 6;
    struct Block
    {
        std::string bytes;
        std::vector<quint32> ends; // kColumns per row, into bytes
    };

    void hand(Block &&block);
    void consume();
    void addBlock(const Block &block);
    void stop();

    ScoreTable m_table;
    Block m_filling;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Block> m_queue;
    bool m_done = false;
    std::exception_ptr m_error;
    std::thread m_consumer;
};

} // namespace onsite
