#ifndef DOWNTRACK_CFILESYNC_H
#define DOWNTRACK_CFILESYNC_H

/// Flushes every file of the file system holding `path` to stable storage (syncfs(2)):
/// one call instead of an fsync per file. Returns 0, or -1 with errno set.
int downtrack_sync_file_system(const char *path);

#endif
