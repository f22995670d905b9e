# Helpers shared by scripts/zfs-testbed.sh and scripts/package-test.sh, which both run qemu VMs of
# the testbed's image. Sourced; the caller defines `die MESSAGE` (fails the script), `guest LINE`
# (runs a shell line in the guest) and RUN (the VM's run directory, where qmp.sock is).

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# qmp CMD-JSON...: QMP commands on the VM's monitor socket; prints the replies
qmp() {
  { echo '{"execute":"qmp_capabilities"}'; printf '%s\n' "$@"; sleep 0.3; } |
    socat -t 2 - UNIX-CONNECT:"$RUN/qmp.sock" 2>/dev/null || true
}

# qmp_save_to FILE: stops the VM and starts writing its state to FILE; the caller then waits for
# query-migrate to say "completed"
qmp_save_to() {
  qmp '{"execute":"stop"}' "{\"execute\":\"migrate\",\"arguments\":{\"uri\":\"exec:cat > $1\"}}" >/dev/null
}

# free_port: a loopback TCP port nothing listens on now
free_port() {
  local p
  for _ in $(seq 1 100); do
    p=$((20000 + RANDOM % 40000))
    ss -Htln "sport = :$p" | grep -q . || { echo "$p"; return 0; }
  done
  die "no free port found"
}

# unmount_chroot DIR [root]: unmounts the pseudo filesystems bound below DIR, and DIR itself with
# `root`; a chroot process that just exited can keep a mount busy for a moment, hence the retry
unmount_chroot() {
  local d; for d in dev/pts dev sys proc; do
    mountpoint -q "$1/$d" 2>/dev/null || continue
    umount "$1/$d" 2>/dev/null || { sleep 2; umount "$1/$d" 2>/dev/null || umount -l "$1/$d"; }
  done
  if [ "${2:-}" = root ] && mountpoint -q "$1" 2>/dev/null; then
    umount "$1" 2>/dev/null || { sleep 2; umount "$1"; }
  fi
}

# sync_clock: sets the guest's clock to the host's, ahead by half a measured ssh round trip (~0.1 s
# idle, more under load), so both agree to well under a second (a restored guest resumes at the
# time its state was saved)
sync_clock() {
  local t0 rtt
  t0=$(now); guest true; rtt=$(since "$t0")
  guest "date -s @$(awk -v n="$(now)" -v r="$rtt" 'BEGIN { printf "%.3f", n + r / 2 }') >/dev/null" ||
    die "could not set the guest clock"
}
