/* R_X86_64_REX_GOTPCRELX (PIC load of an extern's address), or plain
 * R_X86_64_GOTPCREL when the assembler may not relax. */
extern long counter;
long f(void) { return counter; }
