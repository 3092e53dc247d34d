#include "hugepages.h"

#include <cstdlib>
#include <cstring>
#include <string>

#include <unistd.h>

namespace onsite {

void restartWithHugePages(char *argv[])
{
#if defined(__GLIBC__) && defined(__linux__)
    static const char kTunable[] = "glibc.malloc.hugetlb";
    const char *tunables = std::getenv("GLIBC_TUNABLES");
    if (tunables && std::strstr(tunables, kTunable))
        return; // set by the caller, or this is the second start
    if (const char *wanted = std::getenv("ONSITE_HUGE_PAGES"); wanted && std::strcmp(wanted, "0") == 0)
        return;
    std::string value = tunables && *tunables ? std::string(tunables) + ':' : std::string();
    value += kTunable;
    value += "=1";
    if (::setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0)
        return;
    // The binary's own path, not /proc/self/exe: the kernel names a process after the file
    // it executes, and "exe" in ps, journald and pkill would hide which service this is.
    char path[4096];
    const ssize_t length = ::readlink("/proc/self/exe", path, sizeof path - 1);
    if (length > 0) {
        path[length] = '\0';
        ::execv(path, argv);
    }
    ::unsetenv("GLIBC_TUNABLES"); // could not start again: go on as started
    if (tunables)
        ::setenv("GLIBC_TUNABLES", tunables, 1);
#else
    (void)argv;
#endif
}

} // namespace onsite
