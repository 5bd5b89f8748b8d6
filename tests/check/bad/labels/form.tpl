{{%AUTOESCAPE context="HTML"}}<h1>The school's motto</h1>
<form method="post" action="/motto">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="version" value="{{version}}">
<div class="field"><label for="f-motto">The motto (at most 200 characters)</label>
<input id="f-motto" name="motto" type="text" value="{{form_motto}}"></div>
<div class="field"><label for="f-author">Who said it</label>
<input id="f-author" name="author" type="text" value="{{form_author}}"></div>
<div class="field"><label for="f-year">Year</label>
<input id="f-year" name="year" type="text" value="{{form_year}}"></div>
<div class="field"><label for="f-since">From</label>
<input id="f-since" name="since" type="text" value="{{form_since}}"></div>
<button type="submit">Save</button>
</form>
<form method="post" action="/motto/import" enctype="multipart/form-data">
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field"><label for="f-file">A file of mottos</label>
<input id="f-file" name="file" type="file"></div>
<button type="submit">Import</button>
</form>
