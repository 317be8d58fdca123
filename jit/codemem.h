/* codemem.h: executable memory for stitched code.
 *
 * One arena, reserved once (mmap, PROT_NONE, near the binary when the
 * kernel allows) up to a size cap. A piece is handed out writable, filled,
 * then sealed read+execute: no page is ever writable and executable at
 * once. Pages shared with earlier pieces are read-write (not executable)
 * while a new piece is written into them, so stitching must not run while
 * stitched code runs on another thread (stitch is single-threaded).
 * Running out returns NULL; the caller keeps interpreting. */
#ifndef STITCH_JIT_CODEMEM_H
#define STITCH_JIT_CODEMEM_H

#include <stddef.h>
#include <stdint.h>

typedef struct CodeMem CodeMem;

/* An arena of at most `cap` bytes (rounded up to pages); NULL on failure. */
CodeMem *codemem_new(size_t cap);
void codemem_free(CodeMem *cm);
/* n writable bytes, 16-aligned; NULL when the arena is full or the pages
 * cannot be made writable. */
uint8_t *codemem_alloc(CodeMem *cm, size_t n);
/* Make the pages of [p, p + n) read+execute. 0, or -1 when mprotect fails. */
int codemem_seal(CodeMem *cm, uint8_t *p, size_t n);
/* Eviction, all at once: every piece is dropped (the caller must forget
 * every entry point first) and the pages go back to PROT_NONE. */
void codemem_reset(CodeMem *cm);
/* Bytes handed out so far, and the cap. */
size_t codemem_used(const CodeMem *cm);
size_t codemem_cap(const CodeMem *cm);
/* Whether p lies in the arena. */
int codemem_contains(const CodeMem *cm, const void *p);

#endif
