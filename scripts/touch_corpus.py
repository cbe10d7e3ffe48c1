"""Changes a share of the corpus's service files (appends a line to the body), seeded per call."""
import pathlib
import random
import sys
import time

folder, share = pathlib.Path(sys.argv[1]), float(sys.argv[2])
files = sorted(folder.glob("*.md"))
picker = random.Random(time.time_ns())
for path in picker.sample(files, max(1, int(len(files) * share))):
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\nEdited at {time.time_ns()}.\n")
