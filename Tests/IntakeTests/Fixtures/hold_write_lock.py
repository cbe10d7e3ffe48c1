"""Holds SQLite's write lock on a database for a while, as a long transaction would.

Usage: hold_write_lock.py DATABASE SECONDS
Prints "locked" once it holds the lock, then "committing <unix time>" just before it lets go.
"""
import sqlite3
import sys
import time

connection = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
connection.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
print("committing %.6f" % time.time(), flush=True)
connection.execute("COMMIT")
connection.close()
