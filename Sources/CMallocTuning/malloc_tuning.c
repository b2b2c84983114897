#include "malloc_tuning.h"
#include <stdlib.h> /* defines __GLIBC__ on glibc systems */
#if defined(__GLIBC__)
#include <malloc.h>
#endif

void sfdbg_tune_malloc(void) {
#if defined(__GLIBC__)
  mallopt(M_TRIM_THRESHOLD, 1 << 30);  /* keep up to 1 GiB of free heap top */
  mallopt(M_MMAP_THRESHOLD, 32 << 20); /* blocks under 32 MiB come from the reusable heap */
#endif
}
