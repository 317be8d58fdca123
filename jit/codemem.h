/* codemem.h: executable memory for stitched code.
 *
 * One arena, reserved once (mmap, PROT_NONE, near the binary when the
 * kernel allows) up to a size cap. Pieces are bump-allocated in whole
 * pages, on pages that have never been executable: the arena is made
 * read+write ahead of the bump pointer in large chunks (one mprotect per
 * chunk, prefaulted), a piece is filled, then sealed read+execute with one
 * mprotect. A page is never writable and executable at once, never goes
 * from executable back to writable while code may run on it (only
 * codemem_reset does that, after every piece is dropped), and sealing a
 * piece never touches another piece's pages, because no two pieces share a
 * page. Single-threaded: allocation and sealing need outside locking.
 * Running out returns NULL; the caller keeps interpreting. */
#ifndef STITCH_JIT_CODEMEM_H
#define STITCH_JIT_CODEMEM_H

#include <stddef.h>
#include <stdint.h>

typedef struct CodeMem CodeMem;

/* An arena of at most `cap` bytes (rounded up to pages); NULL on failure. */
CodeMem *codemem_new(size_t cap);
void codemem_free(CodeMem *cm);
/* n writable bytes at the start of fresh pages (page-aligned); NULL when
 * the arena is full or the pages cannot be made writable. The piece takes
 * whole pages: the next one starts on the page after its end. */
uint8_t *codemem_alloc(CodeMem *cm, size_t n);
/* Give back the tail of the latest piece p beyond its first n bytes (the
 * caller reserved an upper bound; n = 0 gives it all back); the whole
 * pages past it return to the arena, still writable and never executable.
 * Only the latest unsealed piece may shrink; anything else is ignored. */
void codemem_shrink(CodeMem *cm, uint8_t *p, size_t n);
/* Make the pages of the piece [p, p + n) read+execute, for good. 0, or -1
 * when mprotect fails. */
int codemem_seal(CodeMem *cm, uint8_t *p, size_t n);
/* Eviction, all at once: every piece is dropped (the caller must forget
 * every entry point first) and the pages go back to PROT_NONE. */
void codemem_reset(CodeMem *cm);
/* Bytes handed out so far (whole pages), and the cap. */
size_t codemem_used(const CodeMem *cm);
size_t codemem_cap(const CodeMem *cm);
/* Whether p lies in the arena. */
int codemem_contains(const CodeMem *cm, const void *p);

#endif
