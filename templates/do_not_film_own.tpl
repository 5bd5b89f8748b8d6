{{%AUTOESCAPE context="HTML"}}<h1>Photos and video of you</h1>
<p class="lead">Anyone may ask not to be filmed or photographed for the school's social media accounts, for any reason, and the school respects it. You do not need to give a reason. You can withdraw it here at any time.</p>
{{#asked}}{{#request}}<p class="notice">You asked not to be filmed or photographed for school accounts on <time datetime="{{asked_at}}">{{asked_at:x-uk-time}}</time>. You are on the do-not-publish list that the people who run school accounts check every photo and video against.</p>{{/request}}
<form class="stack card" method="post" action="/account/photos/withdraw">
<h2>Withdraw your request</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
<p>You will be taken off the list: photos and video of you may be used on school accounts again.</p>
<div class="actions"><button class="btn secondary" type="submit">Withdraw my request</button></div>
</form>{{/asked}}
{{#not_asked}}<p>You have not asked. Photos and video of you may be used on school accounts, in line with the school's policy.</p>
<form class="stack card" method="post" action="/account/photos">
<h2>Ask not to be filmed or photographed</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
<p>Your name goes on the do-not-publish list, with today's date. Only the people who run a school account and the school's leaders see it.</p>
<div class="actions"><button class="btn" type="submit">Do not film or photograph me for school accounts</button></div>
</form>{{/not_asked}}
<p><a href="/account/2fa">Back to sign-in security</a></p>
