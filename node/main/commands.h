// The metanode subcommands (docs/NODE.md, "Running a node"). Each takes the arguments after its
// name and returns the process exit code (cli_support.h), having printed its result on stdout and
// any error on stderr.
#pragma once

#include <string>
#include <vector>

namespace mn::node::cli {

// Files: setup_commands.cpp.
int keygen_command(const std::vector<std::string>& args);
int genesis_command(const std::vector<std::string>& args);
int init_command(const std::vector<std::string>& args);
// The node itself: run_command.cpp.
int run_command(const std::vector<std::string>& args);
// RPC clients: client_commands.cpp.
int tx_command(const std::vector<std::string>& args);
int balance_command(const std::vector<std::string>& args);
int head_command(const std::vector<std::string>& args);
// The auction's client: auction_commands.cpp.
int auction_command(const std::vector<std::string>& args);

}  // namespace mn::node::cli
