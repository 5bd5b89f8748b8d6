{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}} – {{school_name}}</title>
<link rel="stylesheet" href="/static/style.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
<div class="wrap">
<a class="brand" href="/">{{school_name}} <span>staffroom</span></a>
{{#user}}
<nav class="main-nav" aria-label="Main">
<ul>
{{>NAV}}
</ul>
</nav>
<form class="signout" method="post" action="/logout">
<input type="hidden" name="csrf" value="{{csrf}}">
<span class="muted">{{name}}</span> <button class="link" type="submit">Sign out</button>
</form>
{{/user}}
</div>
</header>
<main id="main" class="wrap" tabindex="-1">
{{#flash}}<div class="flash" role="status">{{flash}}</div>{{/flash}}
{{#error}}<div class="error-summary" role="alert" id="error-summary" tabindex="-1" autofocus>
<h2>There is a problem</h2>
<ul>{{#errors}}<li>{{#target}}<a href="#{{target}}">{{/target}}{{error}}{{#target}}</a>{{/target}}</li>
{{/errors}}</ul>
</div>{{/error}}
{{>CONTENT}}
</main>
<footer class="site"><div class="wrap"><p class="muted">{{school_name}} · staffroom</p></div></footer>
</body>
</html>
