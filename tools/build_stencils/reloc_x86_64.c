/* reloc_x86_64.c: the x86-64 relocation types stencils may contain.
 *
 * Accepted: what clang-19 emits for the template with the flags in
 * stencils/CMakeLists.txt (64, 32, PLT32, PC32) and what other code models
 * or PIC would emit (32S, GOTPCREL, GOTPCRELX, REX_GOTPCRELX). Everything
 * else, notably thread-local and GOT-offset forms, fails the build: listing
 * the common ones here only gives the error message a name. */
#include <elf.h>
#include <stddef.h>
#include <stdlib.h>

#include "reloc.h"
#include "stencil.h"

static const RelocRule rules[] = {
    {R_X86_64_64, "R_X86_64_64", HOLE_ABS64},
    {R_X86_64_32, "R_X86_64_32", HOLE_ABS32},
    {R_X86_64_32S, "R_X86_64_32S", HOLE_ABS32S},
    {R_X86_64_PC32, "R_X86_64_PC32", HOLE_REL32},
    {R_X86_64_PLT32, "R_X86_64_PLT32", HOLE_REL32},
    {R_X86_64_GOTPCREL, "R_X86_64_GOTPCREL", HOLE_GOTREL32},
    {R_X86_64_GOTPCRELX, "R_X86_64_GOTPCRELX", HOLE_GOTREL32},
    {R_X86_64_REX_GOTPCRELX, "R_X86_64_REX_GOTPCRELX", HOLE_GOTREL32},
    {R_X86_64_NONE, "R_X86_64_NONE", -1},
    {R_X86_64_PC64, "R_X86_64_PC64", -1},
    {R_X86_64_16, "R_X86_64_16", -1},
    {R_X86_64_PC16, "R_X86_64_PC16", -1},
    {R_X86_64_8, "R_X86_64_8", -1},
    {R_X86_64_PC8, "R_X86_64_PC8", -1},
    {R_X86_64_GOT32, "R_X86_64_GOT32", -1},
    {R_X86_64_GOTOFF64, "R_X86_64_GOTOFF64", -1},
    {R_X86_64_GOTPC32, "R_X86_64_GOTPC32", -1},
    {R_X86_64_GOT64, "R_X86_64_GOT64", -1},
    {R_X86_64_GOTPC64, "R_X86_64_GOTPC64", -1},
    {R_X86_64_PLTOFF64, "R_X86_64_PLTOFF64", -1},
    {R_X86_64_TPOFF32, "R_X86_64_TPOFF32", -1},
    {R_X86_64_TPOFF64, "R_X86_64_TPOFF64", -1},
    {R_X86_64_GOTTPOFF, "R_X86_64_GOTTPOFF", -1},
    {R_X86_64_TLSGD, "R_X86_64_TLSGD", -1},
    {R_X86_64_TLSLD, "R_X86_64_TLSLD", -1},
    {R_X86_64_DTPOFF32, "R_X86_64_DTPOFF32", -1},
    {R_X86_64_DTPOFF64, "R_X86_64_DTPOFF64", -1},
    {R_X86_64_GOTPC32_TLSDESC, "R_X86_64_GOTPC32_TLSDESC", -1},
    {R_X86_64_TLSDESC_CALL, "R_X86_64_TLSDESC_CALL", -1},
};

const RelocArch reloc_arch_x86_64 = {
    .machine = EM_X86_64,
    .name = "x86-64",
    .rules = rules,
    .nrules = (int)(sizeof rules / sizeof rules[0]),
    .jmp32_opcode = 0xE9,
};

const RelocArch *reloc_arch(uint16_t machine) {
    return machine == EM_X86_64 ? &reloc_arch_x86_64 : NULL;
}

const RelocRule *reloc_rule(const RelocArch *a, uint32_t type) {
    for (int i = 0; i < a->nrules; i++)
        if (a->rules[i].type == type) return &a->rules[i];
    return NULL;
}

/* ---- the tail rule ----------------------------------------------------------- */

#include <string.h>

#include "extract.h"

/* The REL32 hole at `offset` whose value is CONTINUE, or -1. */
static int rel32_hole_at(const ExStencil *s, uint32_t offset, int value) {
    for (int i = 0; i < s->nholes; i++) {
        const ExHole *h = &s->holes[i];
        if (!h->in_data && h->offset == offset && h->kind == HOLE_REL32 && h->addend == -4 &&
            (value < 0 || h->value == value))
            return i;
    }
    return -1;
}

static void remove_hole(ExStencil *s, int i) {
    free(s->holes[i].symbol);
    memmove(&s->holes[i], &s->holes[i + 1], (size_t)(s->nholes - i - 1) * sizeof s->holes[0]);
    s->nholes--;
}

/* Does any direct branch of s aim into [lo, hi]? */
static bool is_branch_target(const ExStencil *s, uint32_t lo, uint32_t hi) {
    uint32_t t[256];
    int n = extract_branch_targets(s, t, 256);
    if (n < 0) return true; /* cannot tell: assume the worst */
    for (int i = 0; i < n; i++)
        if (t[i] >= lo && t[i] <= hi) return true;
    return false;
}

void reloc_trim_tail_x86_64(ExStencil *s) {
    size_t n = s->code_size;
    /* `E9 rel32` to CONTINUE, last: drop it; its target is where it stood,
     * so a branch to it still lands right, but a branch past it would not.
     * Repeat: the jump before may now be last. */
    while (n >= 5 && s->code[n - 5] == 0xE9) {
        int h = rel32_hole_at(s, (uint32_t)(n - 4), HV_CONTINUE);
        if (h < 0 || is_branch_target(s, (uint32_t)(n - 4), (uint32_t)n)) break;
        remove_hole(s, h);
        s->code_size = n -= 5;
        s->dropped_jump = true;
    }
    if (s->dropped_jump) return;
    /* `0F 8x rel32` to CONTINUE then `E9 rel32` to anything, last, with
     * nothing else jumping to the E9: invert the condition, aim it at the
     * E9's target and drop the E9 (guards end this way). */
    if (n >= 11 && s->code[n - 5] == 0xE9 && s->code[n - 11] == 0x0F &&
        (s->code[n - 10] & 0xF0) == 0x80) {
        int hc = rel32_hole_at(s, (uint32_t)(n - 9), HV_CONTINUE);
        int hx = rel32_hole_at(s, (uint32_t)(n - 4), -1);
        if (hc >= 0 && hx >= 0 && !is_branch_target(s, (uint32_t)(n - 5), (uint32_t)n)) {
            s->code[n - 10] ^= 1; /* x86 condition codes pair up by the low bit */
            s->holes[hx].offset = (uint32_t)(n - 9);
            remove_hole(s, hc);
            s->code_size -= 5;
            s->inverted = true;
        }
    }
}
