/* extract.h: one relocatable object in, one stencil out.
 *
 * The extractor reads the object's code section (the one SHF_EXECINSTR
 * section with contents), its read-only data sections, its symbol table
 * and relocations, and turns every relocation into a hole, or fails with a
 * message naming the object, section, offset and relocation type. Every
 * relocation in the code must lie exactly on an immediate or displacement
 * field of the instruction containing it (capstone's encoding details), or
 * the object is rejected naming the instruction. Then the target's tail
 * rule drops the trailing jump to the continuation. */
#ifndef STITCH_EXTRACT_H
#define STITCH_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct ExHole {
    uint32_t offset;
    int kind;            /* HoleKind */
    int value;           /* HoleValue */
    bool in_data;
    bool branch;         /* the rel32 field of a call/jmp/jcc */
    char *symbol;        /* HV_SYMBOL: the runtime symbol's name */
    int64_t addend;
    const char *reloc;   /* the relocation type's name, for --dump */
} ExHole;

typedef struct ExStencil {
    char *name;          /* "_BINARY_OP_ADD_INT" */
    int cache_in;        /* the cache depth it was compiled for (CACHE_IN) */
    int leaves_at[4];    /* per way out (HoleValue < STENCIL_WAYS): the cache
                            depth its symbol names; -1: not used */
    uint16_t machine;
    uint8_t *code;
    size_t code_size;
    uint8_t *data;
    size_t data_size, data_align;
    ExHole *holes;
    int nholes;
    bool dropped_jump;   /* the trailing jump to CONTINUE was removed */
    bool inverted;       /* `jcc CONTINUE; jmp X` became `j!cc X` */
} ExStencil;

/* Read `path` into *out (named `name`, compiled for cache depth
 * `cache_in`). 0 on success; -1 with a message in
 * err otherwise. */
int extract_object(const char *path, const char *name, int cache_in, ExStencil *out, char *err, size_t errlen);
void extract_free(ExStencil *s);
/* The generated C header for stencils s[0..n). */
void extract_write_header(FILE *f, const ExStencil *s, int n);
/* Size, holes and disassembly (capstone) with each hole named. */
void extract_dump(FILE *f, const ExStencil *s);
/* Offsets of the direct branch targets inside s's code (capstone), for the
 * tail rule: a count, or -1. */
int extract_branch_targets(const ExStencil *s, uint32_t *targets, int max);

#endif
