#!/bin/bash
# Captures the zfs outputs the unit tests parse. Runs INSIDE the testbed VM and prints a tar:
#   JZREPL_ZFS_BIN_DIR/testbed-ssh bash -s < src/test/resources/zfs/capture.sh \
#     | tar -x -C src/test/resources/zfs/$(zfs version | head -1 | sed 's/zfs-//; s/-.*//')
# For each case NAME: NAME.out (stdout) and NAME.err (stderr) when not empty, and a line
# "NAME EXIT" in exit-codes.txt. Uses its own pool "cap" on a file vdev, destroyed at the end.
set -u
P=cap O=/var/tmp/capture
COLS=name,type,guid,createtxg,creation,receive_resume_token,jzrepl:placeholder,zrepl:placeholder,encryption,keystatus,encryptionroot
TYPES=filesystem,volume,snapshot,bookmark
zpool destroy -f $P 2>/dev/null; rm -rf $O /var/tmp/$P.*; mkdir -p $O
c() { # c NAME CMD...
  local n=$1; shift
  "$@" >"$O/$n.out" 2>"$O/$n.err"; echo "$n $?" >>"$O/exit-codes.txt"
  [ -s "$O/$n.out" ] || rm -f "$O/$n.out"; [ -s "$O/$n.err" ] || rm -f "$O/$n.err"
}
q() { "$@" >/dev/null 2>&1 || echo "setup step failed: $*" >&2; }
rnd() { dd if=/dev/urandom of="$1" bs=1M count="$2" status=none; }

zfs version >$O/zfs-version.txt
truncate -s 512M /var/tmp/$P.img
q zpool create -f -m none -o ashift=12 $P /var/tmp/$P.img
q zfs create -o mountpoint=/mnt/$P/src $P/src
rnd /mnt/$P/src/f 2; q zfs snapshot $P/src@a
rnd /mnt/$P/src/g 1; q zfs snapshot $P/src@b
q zfs bookmark $P/src@a $P/src#a
q zfs create $P/src/child; q zfs snapshot $P/src/child@c1
q zfs create -V 16M $P/vol; q zfs snapshot $P/vol@v1
echo 'correct horse battery staple' >/var/tmp/$P.key
q zfs create -o encryption=on -o keyformat=passphrase -o keylocation=file:///var/tmp/$P.key -o mountpoint=/mnt/$P/enc $P/enc
rnd /mnt/$P/enc/e 1; q zfs snapshot $P/enc@e1
q zfs create -o jzrepl:placeholder=on -o mountpoint=none $P/dst
zfs send $P/src@a >/var/tmp/$P.a; zfs send -i @a $P/src@b >/var/tmp/$P.ab
q sh -c "zfs send -w $P/enc@e1 | zfs recv -u $P/dst/enc"
q sh -c "zfs recv -u $P/dst/src </var/tmp/$P.a"
sh -c "head -c 200000 /var/tmp/$P.ab | zfs recv -s -u $P/dst/src" 2>/dev/null
sh -c "zfs send $P/src@b | head -c 300000 | zfs recv -s -u $P/dst/partial" 2>/dev/null
sh -c "zfs send -w $P/enc@e1 | head -c 300000 | zfs recv -s -u $P/dst/encpartial" 2>/dev/null
sh -c "zfs send -L -e -c $P/src@b | head -c 300000 | zfs recv -s -u $P/dst/flagpartial" 2>/dev/null
q zfs create -o jzrepl:placeholder=on $P/dst/ph2
q zfs hold keep $P/src@a; q zfs hold jzrepl_last_received_J_job $P/src@a
T_INC=$(zfs get -H -o value receive_resume_token $P/dst/src)
T_FULL=$(zfs get -H -o value receive_resume_token $P/dst/partial)
T_RAW=$(zfs get -H -o value receive_resume_token $P/dst/encpartial)
T_FLAGS=$(zfs get -H -o value receive_resume_token $P/dst/flagpartial)
echo "$T_INC" >$O/token-incremental.txt; echo "$T_FULL" >$O/token-full.txt; echo "$T_RAW" >$O/token-raw.txt; echo "$T_FLAGS" >$O/token-flags.txt

c list-tree zfs list -H -p -o $COLS -t $TYPES -r $P
c get-placeholders-local zfs get -H -p -r -s local -o name,property,value -t filesystem,volume jzrepl:placeholder,zrepl:placeholder $P
c holds zfs holds -H $P/src@a
c holds-none zfs holds -H $P/src@b
c get zfs get -H -p -o property,value,source guid,jzrepl:placeholder,mountpoint,compression,receive_resume_token $P/dst/src
c get-snapshot zfs get -H -p -o property,value,source guid,createtxg,userrefs $P/src@a
c send-nvP-full zfs send -n -v -P $P/src@b
c send-nvP-incremental zfs send -n -v -P -i $P/src@a $P/src@b
c send-nvP-bookmark zfs send -n -v -P -i $P/src#a $P/src@b
c send-nvP-raw-flags zfs send -n -v -P -w -p -L -c -e $P/enc@e1
c send-nvP-token-incremental zfs send -n -v -P -t "$T_INC"
c send-nvt-incremental zfs send -n -v -t "$T_INC"
c send-nvt-full zfs send -n -v -t "$T_FULL"
c send-nvt-raw zfs send -n -v -t "$T_RAW"
c send-nvt-flags zfs send -n -v -t "$T_FLAGS"

c err-destroy-missing-snapshot zfs destroy $P/src@nope
c err-destroy-held-snapshot zfs destroy $P/src@a
q zfs snapshot $P/src@x1
c err-destroy-comma-held zfs destroy $P/src@x1,a
c list-after-comma-held zfs list -H -o name -t snapshot -r $P/src
q zfs snapshot $P/src@x2
c destroy-comma-one-missing zfs destroy $P/src@x2,nope
c list-after-comma-one-missing zfs list -H -o name -t snapshot -r $P/src
c err-destroy-missing-bookmark zfs destroy $P/src#nope
c err-destroy-missing-dataset zfs destroy $P/nope
c err-destroy-has-children zfs destroy $P/src
c err-list-missing zfs list -H -p -o $COLS -t $TYPES -r $P/nope
c err-create-existing zfs create $P/src
c err-create-missing-parent zfs create $P/nope/x
c err-snapshot-existing zfs snapshot $P/src@a
c err-snapshot-missing-fs zfs snapshot $P/nope@a
c err-bookmark-existing zfs bookmark $P/src@a $P/src#a
c err-bookmark-missing-snapshot zfs bookmark $P/src@nope $P/src#n
c err-hold-existing zfs hold keep $P/src@a
c err-hold-missing-snapshot zfs hold keep $P/src@nope
c err-release-missing-tag zfs release nope $P/src@a
c err-holds-missing zfs holds -H $P/src@nope
c err-get-missing zfs get -H -p -o property,value,source guid $P/nope
c err-set-missing zfs set jzrepl:x=1 $P/nope
c err-send-missing-snapshot zfs send -n -v -P $P/src@nope
c err-send-missing-from zfs send -n -v -P -i $P/src@nope $P/src@b
c err-send-token-corrupt zfs send -n -v -t 1-abcdef-0123
c err-send-token-garbage zfs send -n -v -t garbage
c err-recv-existing sh -c "zfs recv -u $P/src/child </var/tmp/$P.a"
c err-recv-partial-state-exists sh -c "zfs recv -s -u $P/dst/partial </var/tmp/$P.a"
c err-recv-abort-nothing zfs recv -A $P/src
c err-recv-abort-missing zfs recv -A $P/nope
c err-recv-truncated sh -c "head -c 50000 /var/tmp/$P.a | zfs recv -s -u $P/dst/trunc"
c err-recv-incremental-missing-target sh -c "zfs recv -u $P/dst/new </var/tmp/$P.ab"
q sh -c "zfs recv -u $P/dst/mod </var/tmp/$P.a"; q zfs snapshot $P/dst/mod@local
c recv-incremental-newer-snapshot sh -c "zfs recv -u $P/dst/mod </var/tmp/$P.ab"
q zfs create $P/dst/changed; q sh -c "zfs recv -u -o mountpoint=/mnt/$P/changed $P/dst/changed/fs </var/tmp/$P.a"
q zfs mount $P/dst/changed/fs; echo change >/mnt/$P/changed/f2
c err-recv-incremental-modified sh -c "zfs recv -u $P/dst/changed/fs </var/tmp/$P.ab"
q zfs create $P/dst/unrelated
c err-recv-incremental-unrelated sh -c "zfs recv -u $P/dst/unrelated </var/tmp/$P.ab"
q zfs snapshot $P/src@t1
sh -c "zfs send $P/src@t1 | head -c 300000 | zfs recv -s -u $P/dst/stale" 2>/dev/null
T_STALE=$(zfs get -H -o value receive_resume_token $P/dst/stale)
q zfs destroy $P/src@t1
c err-send-token-stale zfs send -n -v -t "$T_STALE"
c err-send-token-stale-real zfs send -t "$T_STALE"
c err-permission setpriv --reuid=65534 --regid=65534 --clear-groups zfs snapshot $P/src@perm

# The first records of zfs send -p (a package) of a volume and of a plain filesystem stream
zfs send -p $P/vol@v1 | head -c 2048 >$O/send-p-volume.head
zfs send $P/src@a | head -c 512 >$O/send-filesystem.head
zfs send -w $P/enc@e1 | head -c 512 >$O/send-w-encrypted.head

zpool destroy -f $P; rm -rf /var/tmp/$P.* /mnt/$P
tar -C $O -c .
