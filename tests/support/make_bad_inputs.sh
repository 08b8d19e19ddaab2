#!/usr/bin/env bash
# Writes the large and generated members of the bad-input corpus (tests/data/bad/ has
# the small ones) into OUT_DIR; used by tests/index/test_bad_inputs.cpp at test time.
#   make_bad_inputs.sh OUT_DIR SECRET_FILE FEED_FORMAT
# SECRET_FILE: a local file outside OUT_DIR whose text must never reach the index (the
# external-entity inputs point at it by absolute path). FEED_FORMAT: rss or jsonl, the
# format of the 10,000-item feed. Needs only bash, awk and coreutils.
set -euo pipefail
out=$1
secret=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
feed_format=$3
mkdir -p "$out"

# 50 MB of news-like text in one file (paragraphs of varied sentences, some non-ASCII).
# awk stops at the size itself (a pipe into head would end it with SIGPIPE).
LC_ALL=C awk -v size=52428800 'BEGIN {
  split("gallium germanium antimony graphite samarium gadolinium terbium dysprosium", item, " ");
  split("Japan|the United States|the Netherlands|Germany|South Korea|Taiwan", who, "|");
  s = "A very large wire archive\n\n"; n = length(s); printf "%s", s;
  for (i = 0; n < size; i++) {
    s = sprintf("BEIJING, Jan %d \342\200\223 China\342\200\231s commerce ministry said on day %d that exports of %s to %s would need licences from %d August 2026, under Announcement No. %d of 2026. Traders said prices rose %d.%d percent, and officials said the \342\200\234review\342\200\235 would end in the first quarter.\n\n", i % 28 + 1, i, item[i % 8 + 1], who[i % 6 + 1], i % 28 + 1, i % 90 + 1, i % 9, i % 10);
    if (n + length(s) > size) s = substr(s, 1, size - n);
    printf "%s", s; n += length(s);
  }
}' > "$out/big-50mb.txt"

# 10,000 nested elements (libxml2 refuses more than 256 levels without XML_PARSE_HUGE),
# and the same in HTML, whose parser has no such limit.
awk 'BEGIN {
  printf "<?xml version=\"1.0\"?>\n";
  for (i = 0; i < 10000; i++) printf "<d>";
  printf "Gallium licences at the bottom.";
  for (i = 0; i < 10000; i++) printf "</d>";
  printf "\n";
}' > "$out/deep-10000.xml"
awk 'BEGIN {
  printf "<!DOCTYPE html>\n<html><head><title>Deep page</title></head><body>";
  for (i = 0; i < 10000; i++) printf "<div>";
  printf "<p>Antimony exports will need licences from 15 September 2024.</p>";
  for (i = 0; i < 10000; i++) printf "</div>";
  printf "</body></html>\n";
}' > "$out/deep-10000.html"
# JSON nested 100,000 deep in one line, then a good line.
awk 'BEGIN {
  printf "{\"id\": \"deep\", \"title\": \"Deep JSON\", \"body\": \"x\", \"extra\": ";
  for (i = 0; i < 100000; i++) printf "[";
  for (i = 0; i < 100000; i++) printf "]";
  printf "}\n{\"id\": \"after-deep\", \"title\": \"The line after the deep one\", \"published\": \"2025-04-04\", \"body\": \"Samarium licences.\"}\n";
}' > "$out/deep-json.jsonl"

# Quadratic blow-up: one 50 kB entity referenced 2,000 times (100 MB if expanded).
awk 'BEGIN {
  printf "<?xml version=\"1.0\"?>\n<!DOCTYPE announcement [\n<!ENTITY big \"";
  for (i = 0; i < 5000; i++) printf "xxxxxxxxxx";
  printf "\">\n]>\n<announcement><title>Quadratic blow-up</title><body><p>";
  for (i = 0; i < 2000; i++) printf "&big;";
  printf "</p></body></announcement>\n";
}' > "$out/bomb-quadratic.xml"

# One 2 MB word: no spaces, no line breaks (under the 4 MB limit of text per document).
awk 'BEGIN { for (i = 0; i < 32768; i++) printf "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ab"; printf "\n" }' \
  > "$out/long-word.txt"

# External entities by absolute path and by file: URI.
cat > "$out/xxe-absolute.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE announcement [
  <!ENTITY abs SYSTEM "$secret">
  <!ENTITY uri SYSTEM "file://$secret">
  <!ENTITY % pe SYSTEM "file://$secret">
]>
<announcement>
  <title>Absolute external entities &abs;</title>
  <body><p>Export licences: &abs; &uri;</p></body>
</announcement>
EOF
cat > "$out/xxe-absolute.tml" <<EOF
<?xml version="1.0" ?>
<!DOCTYPE TimeML SYSTEM "file://$secret">
<TimeML><DOCID>xxe-absolute</DOCID><TEXT>Prices rose &abs; yesterday.</TEXT></TimeML>
EOF

# A feed of 10,000 items.
if [ "$feed_format" = rss ]; then
  awk 'BEGIN {
    print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Ten thousand items</title><link>https://feed.example/</link>";
    for (i = 1; i <= 10000; i++)
      printf "<item><title>Export licence notice %d</title><link>https://feed.example/items/%d</link><guid>https://feed.example/items/%d</guid><pubDate>Thu, %02d Jan 2026 09:00:00 +0800</pubDate><description>Notice %d: exporters of rare earths need a licence for shipment %d.</description></item>\n", i, i, i, i % 28 + 1, i, i;
    print "</channel></rss>";
  }' > "$out/feed-10000.rss"
else
  awk 'BEGIN {
    for (i = 1; i <= 10000; i++)
      printf "{\"id\": \"feed-%d\", \"url\": \"https://feed.example/items/%d\", \"title\": \"Export licence notice %d\", \"published\": \"2026-01-%02d\", \"lang\": \"en\", \"body\": \"Notice %d: exporters of rare earths need a licence for shipment %d.\"}\n", i, i, i, i % 28 + 1, i, i;
  }' > "$out/feed-10000.jsonl"
fi

# A file nobody may read (root still can: the test says so).
printf 'Unreadable\n\nThis file has mode 000.\n' > "$out/unreadable.txt"
chmod 000 "$out/unreadable.txt"
