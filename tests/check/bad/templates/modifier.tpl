{{%AUTOESCAPE context="HTML"}}
<a href="{{url:url_query_escape}}">x</a>
