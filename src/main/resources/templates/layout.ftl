<#macro page title>
<!DOCTYPE html>
<html lang="${lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title} · ${t["app.name"]}</title>
  <link rel="stylesheet" href="/static/app.css">
</head>
<body>
<header class="top">
  <a class="brand" href="/">${t["app.name"]}</a>
  <span class="tagline">${t["app.tagline"]}</span>
  <nav>
    <a href="/">${t["nav.catalogue"]}</a>
    <a href="/signup/mine">${t["nav.mine"]}</a>
    <a href="?lang=${otherLang}" hreflang="${otherLang}" lang="${otherLang}">${t["nav.language"]}</a>
  </nav>
</header>
<main id="main">
<#nested>
</main>
</body>
</html>
</#macro>
