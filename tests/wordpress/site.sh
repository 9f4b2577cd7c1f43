#!/bin/sh
# A fresh WordPress test site (tests/e2e/wordpress.spec.mjs): Debian's wordpress 6.1 with
# MariaDB, the plugin from hosts/wordpress/ourplan with the built pkg/ and the record schemas,
# and a minimal theme. Usage: site.sh PORT STATE_DIR (STATE_DIR is emptied). Run as root.
set -eu
port=$1
state=$2
root=$(cd "$(dirname "$0")/../.." && pwd)

# The database, empty each time.
if ! mysqladmin ping >/dev/null 2>&1; then
  service mariadb start >/dev/null
fi
mysql -u root <<SQL
DROP DATABASE IF EXISTS ourplan_wp;
CREATE DATABASE ourplan_wp;
CREATE USER IF NOT EXISTS 'ourplan_wp'@'localhost' IDENTIFIED BY 'ourplan-wp-test';
GRANT ALL ON ourplan_wp.* TO 'ourplan_wp'@'localhost';
SQL

# The site's own wp-content: the plugin as a site would install it, and the theme.
rm -rf "$state"
mkdir -p "$state/wp-content/plugins" "$state/wp-content/themes" "$state/wp-content/uploads"
cp -r "$root/hosts/wordpress/ourplan" "$state/wp-content/plugins/ourplan"
ln -s "$root/pkg" "$state/wp-content/plugins/ourplan/pkg"
mkdir -p "$state/wp-content/plugins/ourplan/schemas"
ln -s "$root/schemas/records" "$state/wp-content/plugins/ourplan/schemas/records"
ln -s "$root/tests/wordpress/theme" "$state/wp-content/themes/ourplan-test"

# Debian's wp-config.php reads /etc/wordpress/config-<host>.php.
mkdir -p /etc/wordpress
cat > /etc/wordpress/config-127.0.0.1.php <<PHP
<?php
// Written by tests/wordpress/site.sh for the WordPress test; rewritten on every run.
define( 'DB_NAME', 'ourplan_wp' );
define( 'DB_USER', 'ourplan_wp' );
define( 'DB_PASSWORD', 'ourplan-wp-test' );
define( 'DB_HOST', 'localhost' );
define( 'WP_HOME', 'http://127.0.0.1:$port' );
define( 'WP_SITEURL', 'http://127.0.0.1:$port' );
define( 'WP_CONTENT_DIR', '$state/wp-content' );
define( 'WP_CONTENT_URL', 'http://127.0.0.1:$port/wp-content' );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_LOG', '$state/debug.log' );
define( 'WP_DEBUG_DISPLAY', false );
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
PHP
