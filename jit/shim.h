/* shim.h: entering stitched code from ordinary C.
 *
 * Stitched code uses the stencils' preserve_none convention; jit_enter is
 * an ordinary (SysV) function, compiled by clang-19 (jit/shim.c), that
 * calls it with the frame, the stack pointer, the frame's locals (base)
 * and the VM in the stencils' registers and nothing in the stack cache,
 * saving the registers C code expects kept. The trace's exit stencil
 * returns to it; its return value is the exit's operand. */
#ifndef STITCH_JIT_SHIM_H
#define STITCH_JIT_SHIM_H

#include <stdint.h>

uint64_t jit_enter(const void *entry, void *frame, uint64_t *sp, uint64_t *base, void *vm);

#endif
