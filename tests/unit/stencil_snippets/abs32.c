/* R_X86_64_32: the address of a 1-byte extern, zero-extended. */
extern const unsigned char _JIT_OPARG;
unsigned f(void) { return (unsigned)(unsigned long)&_JIT_OPARG; }
