import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isNetworkFsType,
  mountFor,
  networkShareOf,
  parseMountOutput,
  parseProcMounts,
  windowsUncShare,
} from '../../../shared/policy/network-share';

// A real /proc/mounts, trimmed: note the octal escape for a space in a mount point.
const PROC_MOUNTS = `sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
/dev/nvme0n1p2 / ext4 rw,relatime,errors=remount-ro 0 0
/dev/nvme0n1p1 /boot/efi vfat rw,relatime 0 0
tmpfs /run tmpfs rw,nosuid,nodev,size=3268728k,mode=755 0 0
nas.example.org:/export/care /srv/care nfs4 rw,relatime,vers=4.2,rsize=1048576 0 0
//fileserver/CareDesk /mnt/care\\040data cifs rw,relatime,vers=3.1.1,cache=strict 0 0
alice@backup:/srv /home/alice/remote fuse.sshfs rw,nosuid,nodev,relatime,user_id=1000 0 0
gvfsd-fuse /run/user/1000/gvfs fuse.gvfsd-fuse rw,nosuid,nodev,relatime 0 0
/dev/sdb1 /srv/care/local ext4 rw,relatime 0 0
sshfs#bob@host:/data /mnt/old fuse rw 0 0
`;

const MAC_MOUNT = `/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
devfs on /dev (devfs, local, nobrowse)
/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse, protect)
//alice@nas._smb._tcp.local/Care Desk on /Volumes/Care Desk (smbfs, nodev, nosuid, mounted by alice)
nas.local:/export on /Volumes/export (nfs, nodev, nosuid, mounted by alice)
afp_0TQ9Ma0lRhb20wpS1H2aqVFA-1.2d000011 on /Volumes/Old (afpfs, nodev, nosuid, mounted by alice)
/dev/disk4s1 on /Volumes/USB Stick (msdos, local, nodev, nosuid, noowners)
`;

describe('parseProcMounts', () => {
  it('reads source, mount point and type, undoing octal escapes', () => {
    const m = parseProcMounts(PROC_MOUNTS);
    expect(m).toHaveLength(11);
    expect(m[6]).toEqual({ source: '//fileserver/CareDesk', mountPoint: '/mnt/care data', fsType: 'cifs' });
    expect(m[5]).toEqual({ source: 'nas.example.org:/export/care', mountPoint: '/srv/care', fsType: 'nfs4' });
  });

  it('skips blank, short and comment lines', () => {
    expect(parseProcMounts('\n# comment here x\nonly two\n')).toEqual([]);
  });
});

describe('parseMountOutput (macOS)', () => {
  it('reads mount points with spaces and the first word of the options as the type', () => {
    const m = parseMountOutput(MAC_MOUNT);
    expect(m).toHaveLength(7);
    expect(m[3]).toEqual({ source: '//alice@nas._smb._tcp.local/Care Desk', mountPoint: '/Volumes/Care Desk', fsType: 'smbfs' });
    expect(m[6]).toMatchObject({ mountPoint: '/Volumes/USB Stick', fsType: 'msdos' });
  });

  it('ignores lines that are not mount lines', () => {
    expect(parseMountOutput('map auto_home on /System/Volumes/Data/home\nnonsense\n')).toEqual([]);
  });
});

describe('mountFor', () => {
  const mounts = parseProcMounts(PROC_MOUNTS);
  it('picks the longest mount point containing the path, not a name prefix', () => {
    expect(mountFor('/srv/care/db', mounts)?.fsType).toBe('nfs4');
    expect(mountFor('/srv/care/local/db', mounts)?.fsType).toBe('ext4');
    expect(mountFor('/srv/careful', mounts)?.mountPoint).toBe('/');
    expect(mountFor('/srv/care', mounts)?.fsType).toBe('nfs4');
  });

  it('normalises . and .. and repeated slashes', () => {
    expect(mountFor('/srv//care/./local/../x', mounts)?.fsType).toBe('nfs4');
  });

  it('lets the last of two mounts on one point win (it is the one on top)', () => {
    const stacked = parseProcMounts('/dev/sda1 / ext4 rw 0 0\n/dev/sdb1 /data ext4 rw 0 0\nnas:/x /data nfs rw 0 0\n');
    expect(mountFor('/data/file', stacked)?.fsType).toBe('nfs');
  });

  it('compares case-insensitively when asked (macOS)', () => {
    expect(mountFor('/volumes/care desk/db', parseMountOutput(MAC_MOUNT), { caseInsensitive: true })?.fsType).toBe('smbfs');
    expect(mountFor('/volumes/care desk/db', parseMountOutput(MAC_MOUNT))?.fsType).toBe('apfs');
  });
});

describe('networkShareOf on Linux and macOS', () => {
  const linux = { platform: 'linux' as const, mounts: parseProcMounts(PROC_MOUNTS) };
  it.each([
    ['/srv/care/CareDesk', 'nfs4'],
    ['/mnt/care data/CareDesk', 'cifs'],
    ['/home/alice/remote/db', 'fuse.sshfs'],
    ['/run/user/1000/gvfs/smb-share:server=nas,share=care', 'fuse.gvfsd-fuse'],
    ['/mnt/old/db', 'sshfs'],
  ])('%s is on a network share (%s)', (p, kind) => {
    expect(networkShareOf(p, linux)).toMatchObject({ network: true, kind });
  });

  it.each(['/var/lib/caredesk', '/srv/care/local/db', '/boot/efi/x', '/srv/careful'])('%s is local', (p) => {
    expect(networkShareOf(p, linux).network).toBe(false);
  });

  it('reads macOS mounts', () => {
    const mac = { platform: 'darwin' as const, mounts: parseMountOutput(MAC_MOUNT) };
    expect(networkShareOf('/Volumes/Care Desk/CareDesk', mac)).toEqual({ network: true, kind: 'smbfs', where: '/Volumes/Care Desk' });
    expect(networkShareOf('/Volumes/export/x', mac)).toMatchObject({ network: true, kind: 'nfs' });
    expect(networkShareOf('/Volumes/Old/x', mac)).toMatchObject({ network: true, kind: 'afpfs' });
    expect(networkShareOf('/Volumes/USB Stick/x', mac).network).toBe(false);
    expect(networkShareOf('/Users/alice/Library/Application Support/CareDesk', mac).network).toBe(false);
  });

  it('without a mount table, reports local (the caller decides what an unreadable table means)', () => {
    expect(networkShareOf('/srv/care', { platform: 'linux' })).toEqual({ network: false, kind: null, where: null });
  });

  it('knows the usual network types and not local ones', () => {
    for (const t of ['nfs', 'NFS4', 'cifs', 'smb3', 'smbfs', 'fuse.sshfs', 'afpfs', 'webdav']) expect(isNetworkFsType(t), t).toBe(true);
    for (const t of ['ext4', 'xfs', 'btrfs', 'apfs', 'hfs', 'ntfs', 'vfat', 'tmpfs', 'overlay', 'zfs', 'fuse']) expect(isNetworkFsType(t), t).toBe(false);
  });
});

describe('networkShareOf on Windows', () => {
  const win = { platform: 'win32' as const };
  it.each([
    ['\\\\fileserver\\CareDesk\\data', '\\\\fileserver\\CareDesk'],
    ['//fileserver/CareDesk/data', '\\\\fileserver\\CareDesk'],
    ['\\\\?\\UNC\\fileserver\\CareDesk\\data', '\\\\fileserver\\CareDesk'],
    ['\\\\.\\UNC\\fileserver\\CareDesk', '\\\\fileserver\\CareDesk'],
    ['\\\\localhost\\c$\\CareDesk', '\\\\localhost\\c$'],
    ['\\\\10.0.0.5\\share', '\\\\10.0.0.5\\share'],
  ])('%s is a UNC share', (p, share) => {
    expect(networkShareOf(p, win)).toEqual({ network: true, kind: 'unc', where: share });
  });

  it.each(['C:\\ProgramData\\CareDesk', 'D:\\CareDesk', '\\\\?\\C:\\CareDesk', '\\\\?\\Volume{0b5a1f3e-1111-4222-8333-944455556666}\\CareDesk', 'C:/CareDesk'])(
    '%s is local',
    (p) => {
      expect(networkShareOf(p, win).network).toBe(false);
    },
  );

  it('a server name alone is not a share', () => {
    expect(windowsUncShare('\\\\fileserver')).toBeNull();
  });

  it('any \\\\server\\share prefix is found, whatever follows', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9-]{1,15}$/), fc.stringMatching(/^[A-Za-z0-9$_ -]{1,20}$/), fc.string(), (server, share, rest) => {
        expect(windowsUncShare(`\\\\${server}\\${share}\\${rest}`)).toBe(`\\\\${server}\\${share}`);
      }),
    );
  });
});

describe('the database folder itself (issue 15): wherever it came from', async () => {
  const { databaseFolderShare } = await import('../../../electron/main/policy/folders');
  const linux = (mounts: string) => ({ platform: 'linux' as NodeJS.Platform, realpath: (p: string) => p, readText: () => mounts, exec: () => ({ status: 1, stdout: '', stderr: '' }) });
  it('Windows: a profile redirected to \\\\server\\share is refused; C: is not', () => {
    const deps = { platform: 'win32' as NodeJS.Platform, realpath: (p: string) => p, readText: () => '', exec: () => ({ status: 1, stdout: '', stderr: '' }) };
    expect(databaseFolderShare('\\\\fs01\\profiles$\\ana\\AppData\\Roaming\\CareDesk\\caredesk.sqlite', deps)).toEqual({ where: '\\\\fs01\\profiles$', kind: 'unc' });
    expect(databaseFolderShare('//fs01/care/caredesk.sqlite', deps)).toMatchObject({ kind: 'unc' });
    expect(databaseFolderShare('C:\\Users\\ana\\AppData\\Roaming\\CareDesk\\caredesk.sqlite', deps)).toBeNull();
  });
  it('Linux: a home on NFS, or a CIFS mount, is refused; a local disk is not', () => {
    const mounts = '/dev/sda1 / ext4 rw 0 0\nnas:/export/home /home nfs4 rw 0 0\n//nas/care /mnt/care cifs rw 0 0\n';
    expect(databaseFolderShare('/home/ana/.config/CareDesk/caredesk.sqlite', linux(mounts))).toEqual({ where: '/home', kind: 'nfs4' });
    expect(databaseFolderShare('/mnt/care/caredesk.sqlite', linux(mounts))).toEqual({ where: '/mnt/care', kind: 'cifs' });
    expect(databaseFolderShare('/var/lib/caredesk/caredesk.sqlite', linux(mounts))).toBeNull();
  });
});
