"""Computes django-mptt's tree columns for a whole plan in memory, so bulk loads skip rebuild()."""

from collections import defaultdict
from dataclasses import dataclass


@dataclass
class TreePosition:
    tree_id: int
    lft: int
    rght: int
    level: int


def number_tree(nodes: list[tuple[object, object | None, str]]) -> dict[object, TreePosition]:
    """Number (key, parent_key, sort_key) triples the way MPTT would with order_insertion_by.

    Roots become trees ordered by sort key; children are nested in sort-key order.
    """
    children = defaultdict(list)
    for key, parent, order in nodes:
        children[parent].append((order, key))
    positions: dict[object, TreePosition] = {}
    for tree_id, (_order, root) in enumerate(sorted(children[None]), start=1):
        counter = 1
        # Iterative depth-first walk: deep plans must not hit the recursion limit.
        stack = [(root, 0, False)]
        while stack:
            key, level, closing = stack.pop()
            if closing:
                positions[key].rght = counter
                counter += 1
                continue
            positions[key] = TreePosition(tree_id, counter, 0, level)
            counter += 1
            stack.append((key, level, True))
            for _order, child in sorted(children[key], reverse=True):
                stack.append((child, level + 1, False))
    return positions
