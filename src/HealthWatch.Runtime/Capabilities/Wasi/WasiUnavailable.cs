using HealthWatch.Runtime.Capabilities.Basic;
using HealthWatch.Runtime.Engines;
using static HealthWatch.Runtime.Engines.ValType;

namespace HealthWatch.Runtime.Capabilities.Wasi;

/// <summary>
/// The WASI file system and socket functions, with their preview1 types. Their capabilities cannot be granted
/// from JSON; a host that grants one in code gets a file system with no preopened directories and no files, and
/// no sockets: every call fails with <c>EBADF</c>.
/// </summary>
internal static class WasiUnavailable
{
    public static IReadOnlyList<HostImport> FileSystem { get; } = Create(
    [
        ("fd_advise", [I32, I64, I64, I32]),
        ("fd_allocate", [I32, I64, I64]),
        ("fd_datasync", [I32]),
        ("fd_fdstat_set_flags", [I32, I32]),
        ("fd_fdstat_set_rights", [I32, I64, I64]),
        ("fd_filestat_get", [I32, I32]),
        ("fd_filestat_set_size", [I32, I64]),
        ("fd_filestat_set_times", [I32, I64, I64, I32]),
        ("fd_pread", [I32, I32, I32, I64, I32]),
        ("fd_prestat_get", [I32, I32]),
        ("fd_prestat_dir_name", [I32, I32, I32]),
        ("fd_pwrite", [I32, I32, I32, I64, I32]),
        ("fd_read", [I32, I32, I32, I32]),
        ("fd_readdir", [I32, I32, I32, I64, I32]),
        ("fd_renumber", [I32, I32]),
        ("fd_sync", [I32]),
        ("fd_tell", [I32, I32]),
        ("path_create_directory", [I32, I32, I32]),
        ("path_filestat_get", [I32, I32, I32, I32, I32]),
        ("path_filestat_set_times", [I32, I32, I32, I32, I64, I64, I32]),
        ("path_link", [I32, I32, I32, I32, I32, I32, I32]),
        ("path_open", [I32, I32, I32, I32, I32, I64, I64, I32, I32]),
        ("path_readlink", [I32, I32, I32, I32, I32, I32]),
        ("path_remove_directory", [I32, I32, I32]),
        ("path_rename", [I32, I32, I32, I32, I32, I32]),
        ("path_symlink", [I32, I32, I32, I32, I32]),
        ("path_unlink_file", [I32, I32, I32]),
    ]);

    public static IReadOnlyList<HostImport> Sockets { get; } = Create(
    [
        ("sock_accept", [I32, I32, I32]),
        ("sock_recv", [I32, I32, I32, I32, I32, I32]),
        ("sock_send", [I32, I32, I32, I32, I32]),
        ("sock_shutdown", [I32, I32]),
    ]);

    private static HostImport[] Create((string Name, ValType[] Parameters)[] functions) =>
    [
        .. functions.Select(f => HostFunctions.Returning(HostFunctions.Wasi, f.Name, f.Parameters, (context, _) =>
            context.Fail(f.Name, WasiErrno.Badf, "no such file descriptor (this version has no file system or sockets)"))),
    ];
}
