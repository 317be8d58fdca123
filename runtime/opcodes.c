/* opcodes.c: the tables derived from OPCODE_LIST and the operator lists. */
#include "opcodes.h"
#include "ops.h"

const char *const opcode_names[OP_COUNT] = {
#define X(name, cache, pops, pushes, flags) #name,
    OPCODE_LIST(X)
#undef X
};

const unsigned char opcode_caches[OP_COUNT] = {
#define X(name, cache, pops, pushes, flags) cache,
    OPCODE_LIST(X)
#undef X
};

const unsigned char opcode_flags[OP_COUNT] = {
#define X(name, cache, pops, pushes, flags) flags,
    OPCODE_LIST(X)
#undef X
};

int opcode_stack_effect(int op, int oparg) {
    (void)oparg;
    switch (op) {
#define X(name, cache, pops, pushes, flags)                                    \
    case OP_##name:                                                            \
        return (pushes) - (pops);
        OPCODE_LIST(X)
#undef X
    }
    return 0;
}

const char *const binop_symbols[BINOP_COUNT] = {
#define X(e, sym, d, rd) sym,
    BINOP_LIST(X)
#undef X
};

const char *const cmpop_symbols[CMP_COUNT] = {
#define X(e, sym, d, r) sym,
    CMPOP_LIST(X)
#undef X
};
