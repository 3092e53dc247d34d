// A stand-in for libFuzzer's main in the normal (gcc) build: replays the seed corpus and
// then a fixed number of deterministic mutations per seed, within a time budget, so
// ctest exercises every harness on every build without clang.
//
//   <harness> <corpus-dir-or-file>... [--mutations N] [--seconds S]

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {

using Bytes = std::vector<uint8_t>;

// The input being run, written out if it crashes, so that it can be replayed (give the
// file to this driver or to the libFuzzer executable) and added to the corpus.
const Bytes *g_current = nullptr;

extern "C" void saveCrashingInput(int signal)
{
    const int fd = ::open("smoke-crash.bin", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0 && g_current) {
        (void)!::write(fd, g_current->data(), g_current->size());
        ::close(fd);
        const char message[] = "smokedriver: crashing input written to smoke-crash.bin\n";
        (void)!::write(2, message, sizeof message - 1);
    }
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

void run(const Bytes &input)
{
    g_current = &input;
    LLVMFuzzerTestOneInput(input.data(), input.size());
    g_current = nullptr;
}

Bytes readFile(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// splitmix64: tiny, and the same sequence on every platform.
struct Random
{
    uint64_t state;
    uint64_t next()
    {
        uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
};

// Bytes that matter to the formats under test (CSV, JSON, HTTP, percent-encoding, HLC).
const char *const kTokens[] = {"\"",
                               ",",
                               "\r\n",
                               "\n",
                               "\r",
                               "{",
                               "}",
                               "[",
                               "]",
                               ":",
                               "\"\"",
                               "%",
                               "%00",
                               "%FF",
                               "%E4%B8%AD",
                               "?",
                               "&",
                               "=",
                               ";",
                               "\xEF\xBB\xBF",
                               "\xFF",
                               "\x81\x30\x81\x30",
                               "\0",
                               "null",
                               "true",
                               "1e999",
                               "-0",
                               "9223372036854775807",
                               "18446744073709551616",
                               "0000000000000-00000",
                               "\r\n\r\n",
                               "Transfer-Encoding: chunked\r\n",
                               "Content-Length: 5\r\n",
                               "0\r\n\r\n",
                               "ffffffffffffffff\r\n",
                               ";ext=",
                               "\\u0000",
                               "\\ud800",
                               "中",
                               "核定",
                               "评分"};

void mutate(Bytes &data, const std::vector<Bytes> &seeds, Random &random)
{
    const int steps = 1 + static_cast<int>(random.below(4));
    for (int step = 0; step < steps; ++step) {
        const std::size_t at = random.below(data.size() + 1);
        switch (random.below(8)) {
        case 0: // flip a bit
            if (!data.empty())
                data[random.below(data.size())] ^= static_cast<uint8_t>(1u << random.below(8));
            break;
        case 1: // set a byte
            if (!data.empty())
                data[random.below(data.size())] = static_cast<uint8_t>(random.next());
            break;
        case 2: // insert a byte
            data.insert(data.begin() + static_cast<std::ptrdiff_t>(at),
                        static_cast<uint8_t>(random.next()));
            break;
        case 3: { // erase a range
            const std::size_t length =
                std::min(data.size() - std::min(at, data.size()), 1 + random.below(16));
            data.erase(data.begin() + static_cast<std::ptrdiff_t>(at),
                       data.begin() + static_cast<std::ptrdiff_t>(at + length));
            break;
        }
        case 4: { // repeat a range
            if (data.empty())
                break;
            const std::size_t from = random.below(data.size());
            const std::size_t length = std::min(data.size() - from, 1 + random.below(64));
            const Bytes copy(data.begin() + static_cast<std::ptrdiff_t>(from),
                             data.begin() + static_cast<std::ptrdiff_t>(from + length));
            data.insert(data.begin() + static_cast<std::ptrdiff_t>(at), copy.begin(), copy.end());
            break;
        }
        case 5: { // insert a token
            const char *token = kTokens[random.below(std::size(kTokens))];
            const std::size_t length = token[0] == '\0' ? 1 : std::strlen(token);
            data.insert(data.begin() + static_cast<std::ptrdiff_t>(at), token, token + length);
            break;
        }
        case 6: { // splice in part of another seed
            const Bytes &other = seeds[random.below(seeds.size())];
            if (other.empty())
                break;
            const std::size_t from = random.below(other.size());
            const std::size_t length = std::min(other.size() - from, 1 + random.below(256));
            data.insert(data.begin() + static_cast<std::ptrdiff_t>(at),
                        other.begin() + static_cast<std::ptrdiff_t>(from),
                        other.begin() + static_cast<std::ptrdiff_t>(from + length));
            break;
        }
        default: // truncate
            data.resize(at);
            break;
        }
    }
}

} // namespace

int main(int argc, char **argv)
{
    std::vector<std::filesystem::path> paths;
    long mutations = 200;
    double seconds = 5;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--mutations" && i + 1 < argc)
            mutations = std::strtol(argv[++i], nullptr, 10);
        else if (arg == "--seconds" && i + 1 < argc)
            seconds = std::strtod(argv[++i], nullptr);
        else
            paths.emplace_back(arg);
    }

    std::vector<std::filesystem::path> files;
    for (const auto &path : paths) {
        if (std::filesystem::is_directory(path)) {
            for (const auto &entry : std::filesystem::directory_iterator(path)) {
                if (entry.is_regular_file())
                    files.push_back(entry.path());
            }
        } else {
            files.push_back(path);
        }
    }
    std::sort(files.begin(), files.end()); // the same order, so the same mutations, everywhere
    if (files.empty()) {
        std::fprintf(stderr, "smokedriver: no seed files given\n");
        return 2;
    }

    std::vector<Bytes> seeds;
    for (const auto &file : files)
        seeds.push_back(readFile(file));
    for (int signal : {SIGABRT, SIGSEGV, SIGFPE, SIGBUS, SIGILL})
        std::signal(signal, saveCrashingInput);
    for (const Bytes &seed : seeds)
        run(seed);

    const auto start = std::chrono::steady_clock::now();
    const auto elapsed = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    long runs = static_cast<long>(seeds.size());
    // Each seed gets its share of the time budget, which keeps a slow (loaded) machine
    // within ctest's limit; on a normal one every mutation runs.
    const double slice = seconds / static_cast<double>(seeds.size());
    for (std::size_t s = 0; s < seeds.size(); ++s) {
        Random random{0x5EED0000ull + s};
        for (long i = 0; i < mutations && elapsed() < slice * static_cast<double>(s + 1); ++i) {
            Bytes input = seeds[s];
            mutate(input, seeds, random);
            run(input);
            ++runs;
        }
    }
    std::printf("smokedriver: %zu seeds, %ld inputs, %.1f s\n", seeds.size(), runs, elapsed());
    return 0;
}
