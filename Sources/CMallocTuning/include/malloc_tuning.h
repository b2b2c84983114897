#ifndef SFDBG_MALLOC_TUNING_H
#define SFDBG_MALLOC_TUNING_H
/// Keeps freed memory in the process for reuse instead of returning it to the kernel at once
/// (glibc trims the heap top and unmaps large blocks on free, so the next payload of the same
/// size page-faults all over again). sfdbg allocates and frees JSON trees of similar sizes all
/// the time; with this, parsing runs at the parser's own speed. No effect outside glibc.
void sfdbg_tune_malloc(void);
#endif
