#ifndef KENDALI_CSHA256_H
#define KENDALI_CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this processor has the x86 SHA extensions (and SSSE3/SSE4.1), 0 otherwise.
int kendali_sha256_hardware_available(void);

/// Runs the SHA-256 compression function (FIPS 180-4, section 6.2.2) over `blocks`
/// consecutive 64-byte blocks at `data`, updating the eight state words `state[0..7]`
/// (a … h) in place, with the x86 SHA instructions. Call only when
/// `kendali_sha256_hardware_available()` returned 1.
void kendali_sha256_hardware_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
