/* uops.c: the tables derived from uops.h. */
#include <stddef.h>

#include "opcodes.h"

const char *const uop_names[UOP_COUNT] = {
#define U(name, pops, pushes, flags) #name,
    UOP_LIST(U)
#undef U
};

const unsigned short uop_flags[UOP_COUNT] = {
#define U(name, pops, pushes, flags) flags,
    UOP_LIST(U)
#undef U
};

/* One -1-terminated array per instruction made of uops. */
#define SEQ_ITEM(u) UOP##u,
#define SEQ(P, name, base, ...) static const short seq_##name[] = {UOP_FOR_EACH(SEQ_ITEM, __VA_ARGS__) - 1};
GENERIC_UOP_INSTRS(SEQ, _)
SPECIALIZED_INSTRS(SEQ, _)

static const short *const sequences[OP_COUNT] = {
#define SEQ_ENTRY(P, name, base, ...) [OP_##name] = seq_##name,
    GENERIC_UOP_INSTRS(SEQ_ENTRY, _)
    SPECIALIZED_INSTRS(SEQ_ENTRY, _)
};

const short *opcode_uops(int op) { return op >= 0 && op < OP_COUNT ? sequences[op] : NULL; }
