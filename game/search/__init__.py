"""Search and batched evaluation: many playthroughs of a scenario stepped together.

`evaluate` plays decision sequences on seeds, bit-identical to `GameSession`; `policy`
reads and writes decision sequences as JSON lines; `players` searches for the best
sequences a player could find in each mode (free, fixed policy, manager-only, leader-only).
"""
