#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>
#include <errno.h>
#include "CFileSync.h"

int downtrack_sync_file_system(const char *path) {
    int descriptor = open(path, O_RDONLY | O_CLOEXEC);
    if (descriptor < 0) return -1;
#if defined(__linux__)
    int result = syncfs(descriptor);
#else
    int result = fsync(descriptor);
    if (result == 0) sync();
#endif
    int saved = errno;
    close(descriptor);
    errno = saved;
    return result;
}
