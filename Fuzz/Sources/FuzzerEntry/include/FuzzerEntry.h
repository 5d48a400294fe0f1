// The entry point of the fuzz executables. SwiftPM links an executable target's `main` to
// `<Target>_main`; with no top-level Swift code that symbol comes from here and hands control
// to libFuzzer's driver (LLVMFuzzerRunDriver), which calls LLVMFuzzerTestOneInput (Swift).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
