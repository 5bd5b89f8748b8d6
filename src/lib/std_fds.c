#include "lib/std_fds.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int std_fd_to_null(int fd)
{
	int null = open("/dev/null", O_RDWR);
	if (null < 0)
		return -1;
	if (null == fd)
		return 0;
	int moved = dup2(null, fd) == fd;
	if (null > STDERR_FILENO)
		close(null); /* else it fills a standard descriptor that was closed */
	return moved ? 0 : -1;
}

void std_fds_fill(void)
{
	for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++)
		if (fcntl(fd, F_GETFD) == -1 && errno == EBADF)
			std_fd_to_null(fd);
}
