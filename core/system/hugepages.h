#pragma once

namespace onsite {

// HQ's large in-memory work (millions of score rows read for the results, pages of a
// push) spent a fifth of its CPU faulting in fresh 4 KiB pages: on a virtual machine
// each fault is costly. Transparent huge pages cut that, and the machines HQ runs on
// (Debian's default) grant them only to memory that asks (THP "madvise"). glibc asks
// for its heap when the tunable glibc.malloc.hugetlb=1 is set, and tunables are read
// only when a process starts: so the process starts itself once more with it set.
//
// Call first thing in main(). Returns (doing nothing) when the tunable is already set,
// when ONSITE_HUGE_PAGES=0, off glibc, or when starting again fails; otherwise does not
// return (execv of /proc/self/exe with the same arguments and the same process id).
void restartWithHugePages(char *argv[]);

} // namespace onsite
