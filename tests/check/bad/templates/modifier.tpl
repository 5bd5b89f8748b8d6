{{%AUTOESCAPE context="HTML"}}
<a href="{{url:url_query_escape}}">x</a>
<p>{{at:x-uk-times}}</p>
