"""App-independent helpers at the bottom of Ordna's import graph: no app of ours is imported here."""
