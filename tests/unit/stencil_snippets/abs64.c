/* R_X86_64_64: a value hole read as an address (-mcmodel=medium). */
extern const char _JIT_OPERAND[];
unsigned long long f(void) { return (unsigned long long)_JIT_OPERAND; }
