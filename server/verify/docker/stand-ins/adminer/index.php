<?php
// Launchpad's Adminer stand-in: Debian's Adminer 4.8, with the official image's ADMINER_DEFAULT_SERVER
// (the server a login that names none connects to).
$defaultServer = getenv('ADMINER_DEFAULT_SERVER');
if ($defaultServer !== false && isset($_POST['auth']) && ($_POST['auth']['server'] ?? '') === '') {
    $_POST['auth']['server'] = $defaultServer;
}
require '/usr/share/adminer/adminer.php';
