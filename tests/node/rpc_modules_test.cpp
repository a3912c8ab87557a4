// The RPC module registry: every transaction type a ledger module executes has exactly one
// payload view, a module's routes are served by the router it is given, and two modules claiming
// one path stop the router from starting.
#include "node/rpc_modules.h"

#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/crypto/simulated_crypto_provider.h"
#include "core/ledger/module_registry.h"
#include "node/rpc_router.h"
#include "tests/node/rpc_test_backend.h"

namespace mn::node {
namespace {

TEST(RpcModules, EveryExecutedTransactionTypeHasExactlyOnePayloadView) {
  std::map<ledger::TxType, int> views;
  for (const RpcModule* module : standard_rpc_modules()) {
    for (const PayloadView& view : module->payload_views) ++views[view.type];
  }
  for (const auto& module : ledger::standard_modules().modules()) {
    for (const ledger::TxType type : module->tx_types()) {
      EXPECT_EQ(views[type], 1) << ledger::tx_type_name(type) << " of module " << module->name();
    }
  }
}

RpcResponse echo_param(RpcRouter&, const RpcRequest&, std::string_view param) {
  RpcResponse response;
  response.body = nlohmann::json{{"param", param}}.dump();
  return response;
}

constexpr RpcRoute kEchoRoutes[] = {{"/rpc/echo/", true, RpcMethod::kGet, echo_param}};
constexpr RpcModule kEchoModule{"echo", kEchoRoutes, {}};

class RpcModulesRouting : public ::testing::Test {
 protected:
  RpcRouter router(std::span<const RpcModule* const> modules) {
    return RpcRouter(
        m_backend, m_crypto, m_metrics, {}, [] { return 0; }, modules);
  }

  crypto::SimulatedCryptoProvider m_crypto;
  testing::FakeRpcBackend m_backend;
  MetricsRegistry m_metrics;
};

TEST_F(RpcModulesRouting, ARegisteredModuleIsServedAndOnlyItsRoutesExist) {
  const RpcModule* modules[] = {&kEchoModule};
  RpcRouter r = router(modules);
  const RpcResponse echoed = r.handle({"GET", "/rpc/echo/abc", "", "127.0.0.1"});
  EXPECT_EQ(echoed.status, 200U);
  EXPECT_EQ(nlohmann::json::parse(echoed.body)["param"], "abc");
  EXPECT_EQ(r.handle({"POST", "/rpc/echo/abc", "", "127.0.0.1"}).status, 405U);
  EXPECT_EQ(r.handle({"GET", "/rpc/getHead", "", "127.0.0.1"}).status, 404U);
}

TEST_F(RpcModulesRouting, TwoModulesClaimingOnePathStopTheRouter) {
  const RpcModule* modules[] = {&kEchoModule, &kEchoModule};
  EXPECT_DEATH(router(modules), "");
}

}  // namespace
}  // namespace mn::node
