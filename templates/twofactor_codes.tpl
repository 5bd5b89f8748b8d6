{{%AUTOESCAPE context="HTML"}}<h1>Your recovery codes</h1>
<p class="lead">Two-factor sign-in is on. Keep these codes somewhere safe, away from your phone: each one signs you in once if the phone is lost. They are shown only now.</p>
<ul class="codes">{{#recovery_codes}}<li><code>{{item}}</code></li>{{/recovery_codes}}</ul>
<p><a class="btn" href="/">Carry on to My tasks</a></p>
