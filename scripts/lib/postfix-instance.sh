# A private Postfix instance for the relay benchmark: its own configuration and queue under a temporary
# directory, one smtpd on a loopback port, relaying the relay domain to a loopback smarthost (smtp-sink).
# Postfix's durability stays at its defaults (queue files are fsynced before 250); process limits are the
# defaults (100 processes per service, 20 parallel deliveries per destination). Source it; needs root.
#   postfix_instance_create DIR LISTEN_PORT RELAY_DOMAIN SINK_PORT
#   postfix_instance_start DIR ; postfix_instance_stop DIR ; postfix_instance_queue_size DIR

postfix_instance_create() {
  local dir="$1" port="$2" domain="$3" sink="$4"
  mkdir -p "$dir/etc" "$dir/queue" "$dir/data"
  # Postfix's own user reads the queue and data directories below this one.
  chmod 755 "$dir" "$(dirname "$dir")"
  cat > "$dir/etc/main.cf" <<CF
compatibility_level = 3.6
queue_directory = $dir/queue
data_directory = $dir/data
mail_owner = postfix
setgid_group = postdrop
myhostname = postfix-bench.localhost
mydomain = localhost
myorigin = \$myhostname
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mydestination =
local_recipient_maps =
alias_maps =
alias_database =
mynetworks = 127.0.0.0/8
relay_domains = $domain
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
smtp_tls_security_level = none
smtpd_tls_security_level = none
smtp_dns_support_level = disabled
smtpd_peername_lookup = no
biff = no
maillog_file = $dir/maillog
maillog_file_prefixes = $dir
# Only the relay domain is accepted (reject_unauth_destination at RCPT), and it goes to the loopback sink;
# anything else that could reach the queue (a bounce) is never sent anywhere.
relay_transport = smtp:[127.0.0.1]:$sink
default_transport = error:this benchmark instance relays only $domain
CF
  cat > "$dir/etc/master.cf" <<CF
127.0.0.1:$port inet n - n - - smtpd
pickup    unix  n - n 60    1 pickup
cleanup   unix  n - n -     0 cleanup
qmgr      unix  n - n 300   1 qmgr
rewrite   unix  - - n -     - trivial-rewrite
bounce    unix  - - n -     0 bounce
defer     unix  - - n -     0 bounce
trace     unix  - - n -     0 bounce
verify    unix  - - n -     1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n -     - proxymap
proxywrite unix - - n -     1 proxymap
smtp      unix  - - n -     - smtp
relay     unix  - - n -     - smtp
showq     unix  n - n -     - showq
error     unix  - - n -     - error
retry     unix  - - n -     - error
discard   unix  - - n -     - discard
anvil     unix  - - n -     1 anvil
scache    unix  - - n -     1 scache
postlog   unix-dgram n - n - 1 postlogd
CF
  postfix -c "$dir/etc" set-permissions >/dev/null 2>&1 || true
  postfix -c "$dir/etc" check
}

postfix_instance_start() {
  postfix -c "$1/etc" start >/dev/null 2>&1 && return 0
  echo "the benchmark's Postfix instance did not start; its log:" >&2
  tail -5 "$1/maillog" >&2 2>/dev/null || true
  return 1
}
postfix_instance_stop() { postfix -c "$1/etc" stop >/dev/null 2>&1 || true; }
# Messages still in the instance's queue (0 once everything was relayed).
postfix_instance_queue_size() {
  find "$1/queue/incoming" "$1/queue/active" "$1/queue/deferred" "$1/queue/maildrop" -type f 2>/dev/null | wc -l
}
