"""SIGKILL the leader of the next height again and again, at different moments of its round
(before its proposal, around it, during the votes), restarting it each time. The chain keeps
finalizing, and nothing suggests a double sign: all four nodes hold the same block at every
height, no node logged or counted equivocation evidence, and no EVIDENCE transaction was
committed."""

import time

import e2e_support as e2e

# Seconds after the previous block's commit is seen; the devnet commits about one block a second.
KILL_DELAYS = [0.05, 0.6, 0.95, 1.3]


def kill_next_leader(devnet, validators, delay):
    """Waits for the next commit, kills the round-0 proposer of the height after it `delay`
    seconds later; returns (killed node, the committed height)."""
    def top():
        heights = [devnet.try_height(k) for k in range(devnet.nodes)]
        return max((h for h in heights if h is not None), default=None)
    start = e2e.wait_for("a node to answer getHead", top, 30)
    height = e2e.wait_for("a new block", lambda: (top() or 0) > start and top(), 30,
                          interval=0.02)
    leader = devnet.node_index_of(validators[e2e.proposer(validators, height + 1, 0)][0])
    time.sleep(delay)
    devnet.kill(leader)
    return leader, height


def committed_round(devnet, k, height):
    for record in devnet.log_records(k):
        if record.get("height") == height and "round" in record:
            return record["round"]
    return None


def body(devnet, _args):
    devnet.up()
    devnet.wait_height(range(devnet.nodes), 2, 30)
    validators = devnet.validators()
    round_changes = 0
    for cycle, delay in enumerate(KILL_DELAYS):
        leader, height = kill_next_leader(devnet, validators, delay)
        others = [k for k in range(devnet.nodes) if k != leader]
        devnet.wait_height(others, height + 2, 40)
        seen_round = committed_round(devnet, others[0], height + 1)
        if seen_round is not None and seen_round > 0:
            round_changes += 1
        e2e.log(f"cycle {cycle}: killed leader v{leader} of height {height + 1} "
                f"{delay:.2f}s after block {height}; it committed in round {seen_round}")
        devnet.restart(leader)
        target = max(devnet.head(k)["height"] for k in others)
        devnet.wait_height([leader], target, 60)

    devnet.wait_height(range(devnet.nodes),
                       max(devnet.head(k)["height"] for k in range(devnet.nodes)) + 1, 30)
    common = min(devnet.head(k)["height"] for k in range(devnet.nodes))
    devnet.check_agreement(range(devnet.nodes), common)
    e2e.log(f"all nodes agree on every block up to height {common}; "
            f"{round_changes} of {len(KILL_DELAYS)} killed leaders forced a round change")
    e2e.check(round_changes > 0, "no kill forced a round change: the leader was not the leader")

    watched = devnet.check_no_equivocation(common)
    counters = ", ".join(watched) or "the node exports no evidence counters"
    e2e.log(f"no evidence committed or logged ('evidence reported'); counters: {counters}")


if __name__ == "__main__":
    e2e.run("e2e: repeatedly SIGKILLed leaders never stop finalization or cause a double sign",
            body)
