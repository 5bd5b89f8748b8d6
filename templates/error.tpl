{{%AUTOESCAPE context="HTML"}}<h1>{{#not_error}}Something went wrong{{/not_error}}{{#error}}There is a problem{{/error}}</h1>
<p class="lead">{{error}}</p>
<p><a href="/">Go to My tasks</a></p>
