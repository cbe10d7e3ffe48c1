"""Summarises bench results: Downtrack against Hugo on the same corpus in the same run."""
import json
import re
import statistics
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
by_label = {row["label"]: row for row in rows}
sizes = sorted({int(m.group(1)) for row in rows if (m := re.search(r"N=(\d+)", row["label"]))})
print()
print("bench summary (median of runs; pages = service pages; targets from the foundation issue)")
misses = 0
for n in sizes:
    full = by_label.get(f"downtrack full N={n}")
    same = by_label.get(f"downtrack no-change N={n}")
    some = by_label.get(f"downtrack 1%-changed N={n}")
    hugo = by_label.get(f"hugo N={n}")
    if not full:
        continue
    rate = n / full["median_s"]
    line = (f"N={n:>6}: full {full['median_s']:.2f}s ({rate:,.0f} pages/s, cpu {statistics.median(full['cpu_s']):.2f}s, "
            f"peak RSS {max(full['rss_mib']):.0f} MiB)")
    if same:
        line += f"; no-change {same['median_s']:.3f}s"
    if some:
        line += f"; 1% changed {some['median_s']:.3f}s"
    print(line)
    if hugo:
        hugo_rate = n / hugo["median_s"]
        ratio = rate / hugo_rate
        verdict = "meets" if ratio >= 3 else "MISSES"
        if n >= 5000:
            misses += ratio < 3
            print(f"          vs Hugo {hugo['median_s']:.2f}s ({hugo_rate:,.0f} pages/s, peak RSS {max(hugo['rss_mib']):.0f} MiB): "
                  f"{ratio:.2f}x Hugo's pages/s ({verdict} the 3x target)")
        else:
            print(f"          vs Hugo {hugo['median_s']:.2f}s ({hugo_rate:,.0f} pages/s): {ratio:.2f}x")
        if same:
            share = same["median_s"] / hugo["median_s"] * 100
            ok = share <= 2
            if n == 20000:
                misses += not ok
            print(f"          no-change rebuild = {share:.2f}% of Hugo's full build "
                  f"({'meets' if ok else 'MISSES'} the <=2% target{'' if n == 20000 else ', set at 20000'})")
        if some:
            print(f"          1%-changed rebuild = {some['median_s'] / hugo['median_s'] * 100:.1f}% of Hugo's full build")
    if n == 20000:
        ok = max(full["rss_mib"]) < 300
        misses += not ok
        print(f"          peak RSS {max(full['rss_mib']):.0f} MiB ({'meets' if ok else 'MISSES'} the <300 MiB target)")
print(f"bench: {len(sizes)} sizes measured, {misses} targets missed")
