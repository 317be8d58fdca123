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

/* Every opcode is its own base, then the specialized rows override theirs. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
#define SPEC_BASE(P, name, base, ...) [OP_##name] = OP_##base,
const unsigned char opcode_base[OP_COUNT] = {
#define X(name, cache, pops, pushes, flags) [OP_##name] = OP_##name,
    OPCODE_LIST(X)
#undef X
    SPECIALIZED_INSTRS(SPEC_BASE, _)
    [OP_ENTER_EXECUTOR] = OP_JUMP_BACKWARD,
};
#pragma GCC diagnostic pop

/* A specialized form must agree with its base on caches and flags (the
 * FAMILY_ rows repeat them). */
enum {
#define X(name, cache, pops, pushes, flags) ROW_CACHES_##name = cache, ROW_FLAGS_##name = flags,
    OPCODE_LIST(X)
#undef X
};
#define SPEC_CHECK(P, name, base, ...)                                                 \
    _Static_assert(ROW_CACHES_##name == ROW_CACHES_##base &&                           \
                       ROW_FLAGS_##name == (ROW_FLAGS_##base | OPF_SPEC),              \
                   #name " disagrees with " #base);
SPECIALIZED_INSTRS(SPEC_CHECK, _)
_Static_assert(OP_COUNT <= 256, "opcodes must fit a byte");

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
