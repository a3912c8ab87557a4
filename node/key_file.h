// A node or account identity key on disk, as JSON:
//
//   { "public_key": "<64 hex>", "secret_key": "<64 hex Ed25519 seed>", "address": "ait1..." }
//
// Written with mode 0600 and never over an existing file (O_EXCL), so a key is not lost or
// exposed by a mistyped path. Read strictly: unknown, missing or malformed keys, a public key or
// address that does not belong to the seed, and files over kMaxKeyFileBytes are errors naming
// the file and the JSON key (`alice.json: secret_key: expected 64 hex characters`).
#pragma once

#include <cstddef>
#include <string>

#include "core/crypto/crypto_provider.h"
#include "core/runtime/result.h"

namespace mn::node {

inline constexpr std::size_t kMaxKeyFileBytes = 4096;

// A key pair from a fresh seed drawn from the operating system's randomness.
crypto::KeyPair generate_key_pair(crypto::CryptoProvider& crypto);

// The JSON text of `key` (with a trailing newline).
std::string key_file_json(const crypto::KeyPair& key);

// Parses key file text; `name` prefixes the errors (kInvalidArgument).
runtime::Result<crypto::KeyPair> parse_key_file(const std::string& text, const std::string& name,
                                                crypto::CryptoProvider& crypto);

// Reads and parses the key file at `path`: kIoError if it cannot be read, kInvalidArgument if it
// is not a valid key file.
runtime::Result<crypto::KeyPair> read_key_file(const std::string& path,
                                               crypto::CryptoProvider& crypto);

// Creates `path` with mode 0600 holding `key`: kInvalidArgument if it already exists, kIoError
// if it cannot be created or written (a partly written file is removed).
runtime::Status write_key_file(const std::string& path, const crypto::KeyPair& key);

}  // namespace mn::node
