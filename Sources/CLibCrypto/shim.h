#ifndef DOWNTRACK_CLIBCRYPTO_SHIM_H
#define DOWNTRACK_CLIBCRYPTO_SHIM_H
// OpenSSL's libcrypto, for SHA-256 (EVP_Digest) and HMAC-SHA256 (the one-shot HMAC).
#include <openssl/evp.h>
#include <openssl/hmac.h>
#endif
