<p>{{name}}</p>
