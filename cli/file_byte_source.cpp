#include "file_byte_source.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace trinity::cli {

Result<std::unique_ptr<FileByteSource>> FileByteSource::open(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        return fail(err == ENOENT ? ErrorKind::not_found : ErrorKind::io,
                    std::string("cannot open: ") + std::strerror(err), Location::in(path));
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        return fail(ErrorKind::io, std::string("cannot stat: ") + std::strerror(err), Location::in(path));
    }
    if (S_ISDIR(st.st_mode)) {
        ::close(fd);
        return fail(ErrorKind::invalid, "is a directory", Location::in(path));
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        return fail(ErrorKind::unsupported, "not a regular file", Location::in(path));
    }
    return std::unique_ptr<FileByteSource>(
        new FileByteSource(fd, static_cast<std::uint64_t>(st.st_size), path));
}

FileByteSource::~FileByteSource() { ::close(fd_); }

Result<std::size_t> FileByteSource::read_at(std::uint64_t offset, std::span<std::byte> out) {
    std::size_t total = 0;
    while (total < out.size()) {
        const ssize_t n = ::pread(fd_, out.data() + total, out.size() - total,
                                  static_cast<off_t>(offset + total));
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail(ErrorKind::io, std::string("read failed: ") + std::strerror(errno),
                        Location::at_offset(path_, offset + total));
        }
        if (n == 0) break;
        total += static_cast<std::size_t>(n);
    }
    return total;
}

}  // namespace trinity::cli
